/**
 * Cross-cutting wiring: the Redis client's failure behaviour and the OpenAPI description.
 */
package dev.storefront.config;
