package dev.storefront.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

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

	/** A short, stable digest for subjects that must not appear in clear text. */
	static String hashed(String value) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
