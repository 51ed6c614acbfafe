/**
 * Cross-cutting wiring: the Redis client's failure behaviour and the OpenAPI description.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package dev.storefront.config;
