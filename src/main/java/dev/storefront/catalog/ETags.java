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

}
