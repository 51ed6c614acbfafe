package dev.storefront.jobs;

import java.nio.charset.StandardCharsets;

/** Turns the queue's script and pipeline replies (bytes, numbers, booleans) into values, and back. */
final class JobReplies {

	private JobReplies() {
	}

	static byte[] bytes(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

	static String str(Object value) {
		return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(value);
	}

	static long num(Object value) {
		if (value instanceof Number number) {
			return number.longValue();
		}
		if (value instanceof Boolean bool) {
			return bool ? 1 : 0;
		}
		return value == null ? 0 : Long.parseLong(str(value));
	}

	/** A job's owner: a user id, or none (stored as the empty string). */
	static Long owner(String value) {
		return value == null || value.isEmpty() ? null : Long.valueOf(value);
	}

}
