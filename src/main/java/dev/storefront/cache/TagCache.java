package dev.storefront.cache;

import java.util.Collection;
import java.util.function.Supplier;

/**
 * Cache entries that carry tags, so that one call removes every entry with a tag, e.g. all listing
 * pages of a category. In {@code redis} mode tags are not tracked and invalidating any tag clears the
 * caches used through this API; in {@code none} mode nothing is cached.
 */
public interface TagCache {

	/**
	 * The value of {@code key} in cache {@code cache}, loaded with {@code loader} on a miss and tagged
	 * with {@code tags}. Exceptions of the loader reach the caller unchanged.
	 */
	<T> T get(String cache, Object key, Collection<String> tags, Supplier<T> loader);

	/**
	 * Removes every entry carrying {@code tag}, on every instance.
	 * @return how many entries were removed, or -1 if the mode does not track tags
	 */
	long invalidate(String tag);

}
