package dev.storefront.views;

/**
 * The Redis keys of the view counters. A product's counters share the hash tag {@code {id}}, so the
 * claim script touches one slot.
 */
final class ViewKeys {

	static final String DIRTY = "sf:views:dirty";

	/** Pending and flushing counters, for the recovery SCAN. */
	static final String COUNTER_PATTERN = "sf:views:{*}:*ing";

	private ViewKeys() {
	}

	static String pending(long productId) {
		return "sf:views:{" + productId + "}:pending";
	}

	static String flushing(long productId) {
		return "sf:views:{" + productId + "}:flushing";
	}

	static boolean isCounter(String key) {
		return key.endsWith("}:pending") || key.endsWith("}:flushing");
	}

	/** The product id of a {@code pending} or {@code flushing} key. */
	static long idOf(String key) {
		return Long.parseLong(key.substring(key.indexOf('{') + 1, key.indexOf('}')));
	}

}
