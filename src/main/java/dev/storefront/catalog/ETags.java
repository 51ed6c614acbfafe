package dev.storefront.catalog;

final class ETags {

	private ETags() {
	}

	/**
	 * Whether an {@code If-Match} header admits the current tag. No header means no precondition.
	 * Weak tags compare by value, which is safe here because our tags are derived from the version.
	 */
	static boolean matches(String ifMatch, String current) {
		if (ifMatch == null || ifMatch.isBlank()) {
			return true;
		}
		for (String candidate : ifMatch.split(",")) {
			String tag = candidate.strip();
			if (tag.equals("*") || tag.equals(current) || tag.equals("W/" + current)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Like {@link #matches}, for {@code If-Match} on a write: a tag read by a signed-in caller carries the
	 * per-caller wishlist flag ({@code "7-3-w1"}), but it names the same product version as {@code "7-3"}.
	 */
	static boolean matchesVersion(String ifMatch, String current) {
		if (ifMatch == null || ifMatch.isBlank()) {
			return true;
		}
		return matches(ifMatch.replaceAll("-w[01]\"", "\""), current);
	}

}
