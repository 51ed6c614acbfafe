package dev.storefront.ratelimit;

import dev.storefront.user.SecretKeys;

/**
 * Names every Redis key of this module: {@code sf:rl:<algorithm>:<policy>:<subject>}. Each algorithm
 * touches exactly one key per request, so no hash tag is needed for cluster mode. Subjects that are
 * secrets or personal data (API keys, emails) are hashed before they become part of a key.
 */
final class RateLimitKeys {

	static final String PREFIX = "sf:rl:";

	private RateLimitKeys() {
	}

	static String tokenBucket(String policy, String subject) {
		return PREFIX + "tb:" + policy + ":" + subject;
	}

	static String fixedWindow(String policy, String subject) {
		return PREFIX + "fw:" + policy + ":" + subject;
	}

	static String slidingLog(String policy, String subject) {
		return PREFIX + "sl:" + policy + ":" + subject;
	}

	/** A short, stable digest for subjects that must not appear in clear text: the one fingerprint of secrets. */
	static String hashed(String value) {
		return SecretKeys.fingerprint(value);
	}

}
