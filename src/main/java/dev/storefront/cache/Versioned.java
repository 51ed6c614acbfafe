package dev.storefront.cache;

/**
 * A cached value that carries its entity's optimistic-lock version. The cache never replaces an entry in
 * Redis with an older version of the same entity, so a slow load cannot overwrite a newer write-through.
 */
public interface Versioned {

	/** The entity's version; higher is newer. */
	long version();

}
