/**
 * Analytics on Redis data structures: weekly bestsellers (sorted sets), unique visitors per product and
 * day (HyperLogLog), daily active users (bitmaps) and each user's recently viewed products (lists).
 * Recording is best effort: a Redis outage loses counts but never fails the request being counted.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"batching", "catalog", "events", "order", "user", "web"})
package dev.storefront.analytics;
