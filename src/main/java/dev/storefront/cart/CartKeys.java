package dev.storefront.cart;

/**
 * Redis names of the cart module: {@code sf:cart:<userId>}, one hash per user.
 */
final class CartKeys {

	/** Bookkeeping fields of the hash; every other field is a product id. */
	static final String ID_FIELD = "_id";

	static final String VERSION_FIELD = "_v";

	private CartKeys() {
	}

	static String cart(long userId) {
		return "sf:cart:" + userId;
	}

}
