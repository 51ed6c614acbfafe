/**
 * Distributed rate limiting: a servlet filter behind Spring Security that applies configured policies
 * (token bucket, fixed window, sliding log) whose state lives in Redis, so every instance shares one budget.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"user", "web"})
package dev.storefront.ratelimit;
