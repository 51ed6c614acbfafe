/**
 * Durable write-behind product view counters: each product read counts a view in Redis (a counter,
 * a dirty set and a daily HyperLogLog of visitors); one instance at a time moves the counts into
 * PostgreSQL.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"analytics", "batching", "catalog", "locking", "web"})
package dev.storefront.views;
