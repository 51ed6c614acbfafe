package dev.storefront.ratelimit;

import java.util.Optional;
import java.util.function.Function;

/**
 * Turns a policy's {@code key} setting into the subject a request is counted under. An empty subject
 * means the policy does not apply to the request (e.g. {@code user} for an anonymous caller).
 */
final class Subjects {

	static final String BODY_FIELD = "ip+body-field:";

	private Subjects() {
	}

	static Function<RequestFacts, Optional<String>> parse(String key, String apiKeyHeader) {
		String normalized = key.strip().toLowerCase(java.util.Locale.ROOT);
		return switch (normalized) {
			case "ip" -> facts -> Optional.of("ip:" + facts.ip());
			case "user" -> facts -> facts.user().map(id -> "user:" + id);
			case "user-or-ip" -> facts -> Optional.of(facts.user().map(id -> "user:" + id).orElseGet(() -> "ip:" + facts.ip()));
			case "api-key" -> facts -> facts.header(apiKeyHeader).map(k -> "key:" + RateLimitKeys.hashed(k));
			default -> {
				if (normalized.startsWith(BODY_FIELD) && normalized.length() > BODY_FIELD.length()) {
					String field = key.strip().substring(BODY_FIELD.length());
					// Hashed: the key must not carry the email in clear text.
					yield facts -> Optional.of("ipf:" + RateLimitKeys.hashed(facts.ip() + "\n" + facts.bodyField(field)));
				}
				throw new IllegalArgumentException("Unknown rate limit key '" + key
						+ "': use ip, user, user-or-ip, api-key or ip+body-field:<field>");
			}
		};
	}

	static boolean needsBody(String key) {
		return key.strip().toLowerCase(java.util.Locale.ROOT).startsWith(BODY_FIELD);
	}

}
