package dev.storefront.catalog;

import java.util.Collection;
import java.util.Set;

/**
 * Which products of a response are on the current caller's wishlist. The wishlist module implements it;
 * the catalog asks once per response (one product or one page), after its shared caches, so the flag is
 * never cached for everybody.
 */
public interface WishlistFlags {

	/** The caller's flags for {@code productIds}: one Redis round trip at most, never an exception. */
	Flags lookup(Collection<Long> productIds);

	/**
	 * The outcome of one lookup.
	 *
	 * @param wishlisted the ids among those asked that are on the wishlist
	 * @param known whether there is a flag to show (a signed-in caller whose wishlist could be read)
	 * @param degraded whether the wishlist could not be read (the response says so in a header)
	 */
	record Flags(Set<Long> wishlisted, boolean known, boolean degraded) {

		/** An anonymous caller: no flag, nothing degraded. */
		public static final Flags NONE = new Flags(Set.of(), false, false);

		/** The wishlist store did not answer: no flag, and the response is marked degraded. */
		public static final Flags UNAVAILABLE = new Flags(Set.of(), false, true);

		public static Flags of(Set<Long> wishlisted) {
			return new Flags(Set.copyOf(wishlisted), true, false);
		}

		Boolean of(long productId) {
			return known ? wishlisted.contains(productId) : null;
		}

	}

}
