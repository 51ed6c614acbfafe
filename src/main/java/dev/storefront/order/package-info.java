/**
 * Orders: placing them against stock, paying, cancelling and shipping, with idempotent retries.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"catalog", "events", "locking", "user", "web", "persistence"})
package dev.storefront.order;
