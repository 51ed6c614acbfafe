/**
 * The wishlist: a Redis set of product ids per signed-in user (state, no TTL) with a reverse index per
 * product, the {@code wishlisted} flag on catalog reads, and price-drop and back-in-stock alerts fanned
 * out from the consumer group {@code wishlist} to every follower as notifications.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "catalog", "events", "notifications", "user",
		"web" })
package dev.storefront.wishlist;
