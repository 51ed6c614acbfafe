/**
 * The shopping cart: one Redis hash per user with a sliding TTL, read together with current product
 * data, and checkout into an order that empties exactly the ordered lines.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"catalog", "order", "user", "web"})
package dev.storefront.cart;
