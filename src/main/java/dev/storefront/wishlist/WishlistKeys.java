package dev.storefront.wishlist;

/**
 * Redis names of the wishlist module, all under {@code sf:wishlist:}. No key carries a hash tag: every
 * command and script touches one key, so the user's set and a product's followers may sit in different
 * Cluster slots (decision 0140 says how the two stay consistent without a multi-key script).
 */
final class WishlistKeys {

	private static final String PREFIX = "sf:wishlist:";

	private WishlistKeys() {
	}

	/** The set of product ids a user wishlisted, e.g. {@code sf:wishlist:user:7}. */
	static String user(long userId) {
		return PREFIX + "user:" + userId;
	}

	/** The reverse index: the set of user ids following a product, e.g. {@code sf:wishlist:followers:42}. */
	static String followers(long productId) {
		return PREFIX + "followers:" + productId;
	}

}
