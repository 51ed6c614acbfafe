package dev.storefront.views;

/**
 * The Redis keys of the view counters. A product's counters share the hash tag {@code {id}}, so the
 * claim script touches one slot.
 */
final class ViewKeys {

	static final String DIRTY = "sf:views:dirty";

	static final String FLUSHING_PATTERN = "sf:views:{*}:flushing";

	private ViewKeys() {
	}

	static String pending(long productId) {
		return "sf:views:{" + productId + "}:pending";
	}

	static String flushing(long productId) {
		return "sf:views:{" + productId + "}:flushing";
	}

	/** The product id of a {@code flushing} key. */
	static long idOf(String key) {
		return Long.parseLong(key.substring(key.indexOf('{') + 1, key.indexOf('}')));
	}

}
