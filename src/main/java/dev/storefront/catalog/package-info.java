/**
 * The catalog: categories and products, their listing and search, and the stock that orders take.
 */
package dev.storefront.catalog;
