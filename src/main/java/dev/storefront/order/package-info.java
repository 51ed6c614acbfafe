/**
 * Orders: placing them against stock, paying, cancelling and shipping, with idempotent retries.
 */
package dev.storefront.order;
