package dev.storefront.notifications;

import java.util.regex.Pattern;

/**
 * Redis stream ids ({@code <ms>-<seq>}): validation of client input and ordering.
 */
final class StreamIds {

	private static final Pattern ID = Pattern.compile("\\d{1,19}-\\d{1,19}");

	private StreamIds() {
	}

	static boolean isValid(String id) {
		return id != null && ID.matcher(id).matches();
	}

	static int compare(String a, String b) {
		int dashA = a.indexOf('-');
		int dashB = b.indexOf('-');
		int byTime = Long.compareUnsigned(Long.parseUnsignedLong(a, 0, dashA, 10),
				Long.parseUnsignedLong(b, 0, dashB, 10));
		return byTime != 0 ? byTime
				: Long.compareUnsigned(Long.parseUnsignedLong(a, dashA + 1, a.length(), 10),
						Long.parseUnsignedLong(b, dashB + 1, b.length(), 10));
	}

}
