package dev.storefront.cart;

import java.util.Map;
import java.util.TreeMap;

/**
 * The lines of a cart at one moment, with the identity of that moment ({@code cartId}, {@code version}).
 */
record CartSnapshot(String cartId, long version, Map<Long, Integer> lines) {

	static final CartSnapshot EMPTY = new CartSnapshot(null, 0, Map.of());

	static CartSnapshot of(Map<String, String> hash) {
		if (hash.isEmpty()) {
			return EMPTY;
		}
		Map<Long, Integer> lines = new TreeMap<>();
		hash.forEach((field, value) -> {
			if (!field.startsWith("_")) {
				lines.put(Long.parseLong(field), Integer.parseInt(value));
			}
		});
		String version = hash.getOrDefault(CartKeys.VERSION_FIELD, "0");
		return new CartSnapshot(hash.get(CartKeys.ID_FIELD), Long.parseLong(version), lines);
	}

	boolean isEmpty() {
		return lines.isEmpty();
	}

	/** Names this exact content: two checkouts of one snapshot share it, so they make one order. */
	String idempotencyKey() {
		return "cart:" + cartId + ":" + version;
	}

}
