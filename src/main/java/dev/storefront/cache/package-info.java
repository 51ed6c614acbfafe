/**
 * Caching: a two-level (Caffeine + Redis) Spring {@code CacheManager} with per-key single-flight,
 * stale-while-revalidate, early refresh, negative caching and cross-instance L1 invalidation, plus
 * {@link dev.storefront.cache.TagCache} and {@link dev.storefront.cache.BatchCache}. Services use the
 * plain Spring cache annotations with cache names configured under {@code storefront.cache.caches}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"config", "web"})
package dev.storefront.cache;
