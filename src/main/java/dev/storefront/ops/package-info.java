/**
 * Redis operations and the operations console ({@code /ops}, data at {@code /api/admin/ops/**}, decision
 * 0150). The {@code /actuator/redis} endpoint (info, memory by key pattern, big keys, slow log,
 * latency; ADMIN only) and the {@code storefront.redis.*} gauges, read from one cached INFO per node. Works
 * on every node of a standalone Redis or a Cluster, for each Redis the app uses ({@code state}, and
 * {@code cache} once that split exists).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "config", "user", "web" })
package dev.storefront.ops;
