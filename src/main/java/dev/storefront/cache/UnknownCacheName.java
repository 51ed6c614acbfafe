package dev.storefront.cache;

/**
 * Code asked the tag or batch API for a cache that {@code storefront.cache.caches} does not configure: a
 * programming or configuration error (a 500), never a client error. Every mode throws it alike.
 */
final class UnknownCacheName extends IllegalStateException {

	UnknownCacheName(String name) {
		super("No cache named " + name + " under storefront.cache.caches");
	}

}
