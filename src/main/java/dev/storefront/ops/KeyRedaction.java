package dev.storefront.ops;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.storefront.user.SecretKeys;

/**
 * Keeps secrets out of the Redis report. A key that starts with a secret prefix (a session's keys, from
 * {@link SecretKeys}, plus {@code storefront.ops.redacted-key-prefixes}) is shown with every segment after
 * the prefix replaced by {@code #} and its fingerprint ({@link SecretKeys#fingerprint}, the same stand-in
 * the rate-limit keys and session revocations use): {@code sf:session:sessions:<id>} becomes
 * {@code sf:session:sessions:#<fingerprint of id>}. The key's kind stays readable, and a known session can
 * still be matched to its fingerprint. In a slow-log entry, every argument after a secret key is redacted
 * too (the members and values written with it, e.g. session ids added to an index).
 */
final class KeyRedaction {

	static final String MARK = "#";

	private final List<String> prefixes;

	KeyRedaction(List<String> prefixes) {
		List<String> sorted = new ArrayList<>(prefixes);
		sorted.sort(Comparator.comparingInt(String::length).reversed());
		this.prefixes = List.copyOf(sorted);
	}

	/** The secret keys of the default session namespace ({@code sf:session}). */
	static KeyRedaction defaults() {
		return new KeyRedaction(SecretKeys.of("sf:session").prefixes());
	}

	boolean isSecret(String key) {
		return prefix(key) != null;
	}

	/** The key as the report shows it. */
	String key(String key) {
		String prefix = prefix(key);
		if (prefix == null) {
			return key;
		}
		StringBuilder shown = new StringBuilder(prefix);
		String rest = key.substring(prefix.length());
		String[] segments = rest.split(":", -1);
		for (int i = 0; i < segments.length; i++) {
			if (i > 0) {
				shown.append(':');
			}
			shown.append(MARK).append(SecretKeys.fingerprint(segments[i]));
		}
		return shown.toString();
	}

	/** A command's arguments as the report shows them: secret keys and everything after the first one. */
	List<String> command(List<String> arguments) {
		List<String> shown = new ArrayList<>(arguments.size());
		boolean secret = false;
		for (String argument : arguments) {
			if (secret) {
				shown.add(MARK + SecretKeys.fingerprint(argument));
			}
			else if (isSecret(argument)) {
				secret = true;
				shown.add(key(argument));
			}
			else {
				shown.add(argument);
			}
		}
		return shown;
	}

	private String prefix(String key) {
		for (String prefix : prefixes) {
			if (key.startsWith(prefix)) {
				return prefix;
			}
		}
		return null;
	}

}
