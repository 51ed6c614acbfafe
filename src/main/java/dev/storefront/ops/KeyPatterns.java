package dev.storefront.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns a key into its pattern, so memory is reported per kind of key rather than per key:
 * {@code sf:cache:v1:product:42} becomes {@code sf:cache:v1:product:*}, {@code sf:views:{42}:pending}
 * becomes {@code sf:views:{*}:pending}. A colon-separated segment stays when it looks like a word (lower
 * case, starting with a letter, short); anything else (ids, UUIDs, dates, hashes, e-mails) becomes
 * {@code *}, and a hash tag becomes {@code {*}}. Runs of {@code *} collapse into one.
 */
final class KeyPatterns {

	private static final Pattern WORD = Pattern.compile("[a-z][a-z0-9_-]{0,23}");

	private static final int MAX_SEGMENTS = 6;

	private KeyPatterns() {
	}

	static String of(String key) {
		List<String> segments = new ArrayList<>();
		for (String segment : split(key)) {
			String normal = segment.startsWith("{") ? "{*}" : WORD.matcher(segment).matches() ? segment : "*";
			boolean repeat = "*".equals(normal) && !segments.isEmpty() && "*".equals(segments.get(segments.size() - 1));
			if (!repeat) {
				segments.add(normal);
			}
			if (segments.size() == MAX_SEGMENTS) {
				if (!"*".equals(normal)) {
					segments.add("*");
				}
				break;
			}
		}
		return String.join(":", segments);
	}

	// Colons inside a {hash tag} belong to the tag: sf:lock:{order:42} has three segments.
	private static List<String> split(String key) {
		List<String> segments = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		int depth = 0;
		for (char c : key.toCharArray()) {
			if (c == '{') {
				depth++;
			}
			else if (c == '}' && depth > 0) {
				depth--;
			}
			if (c == ':' && depth == 0) {
				segments.add(current.toString());
				current.setLength(0);
			}
			else {
				current.append(c);
			}
		}
		segments.add(current.toString());
		return segments;
	}

}
