/**
 * Background jobs with BullMQ's semantics on Redis: the {@link dev.storefront.jobs.Queues} API (add,
 * delays, priorities, attempts with backoff, retention), workers with concurrency, a cross-instance
 * limiter, leases with stall detection and timeouts, job events on pub/sub, metrics and the admin API.
 * Every structure of a queue lives under {@code sf:q:{<queue>}:} and changes only through the Lua
 * scripts in {@code scripts/jobs/}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "web", "user" })
package dev.storefront.jobs;
