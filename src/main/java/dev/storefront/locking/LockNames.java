package dev.storefront.locking;

/**
 * The one naming rule of lock keys: {@code sf:lock:{resource}}. The braces make the resource a hash
 * tag, so a lock and Redisson's unlock channel for it stay on one cluster slot.
 */
final class LockNames {

	static final String PREFIX = "sf:lock:";

	private static final int MAX_RESOURCE_LENGTH = 200;

	private LockNames() {
	}

	static String of(String resource) {
		if (resource == null || resource.isBlank() || resource.length() > MAX_RESOURCE_LENGTH
				|| resource.indexOf('{') >= 0 || resource.indexOf('}') >= 0) {
			throw new IllegalArgumentException("Lock resource must be 1-" + MAX_RESOURCE_LENGTH
					+ " characters without braces: " + resource);
		}
		return PREFIX + "{" + resource + "}";
	}

	/** The part before the first colon ({@code order} for {@code order:42}): a low-cardinality metric tag. */
	static String kind(String resource) {
		int colon = resource.indexOf(':');
		return colon > 0 ? resource.substring(0, colon) : resource;
	}

}
