/**
 * The catalog: categories and products, their listing and search, and the stock that orders take.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"cache", "web", "events", "persistence"})
package dev.storefront.catalog;
