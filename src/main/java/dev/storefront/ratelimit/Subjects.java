package dev.storefront.ratelimit;

import java.util.Optional;
import java.util.function.Function;

/**
 * Turns a policy's {@code key} setting into the subject a request is counted under. An empty subject
 * means the policy does not apply to the request (e.g. {@code user} for an anonymous caller).
 */
final class Subjects {

	static final String BODY_FIELD = "ip+body-field:";

	static final String GLOBAL_BODY_FIELD = "body-field:";

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
				if (normalized.startsWith(GLOBAL_BODY_FIELD) && normalized.length() > GLOBAL_BODY_FIELD.length()) {
					String field = key.strip().substring(GLOBAL_BODY_FIELD.length());
					// Whatever the client's address: a botnet trying passwords on one account shares one budget.
					// No field, no subject: such a request cannot try a password on anyone.
					yield facts -> Optional.of(facts.bodyField(field))
						.filter(value -> !value.isEmpty())
						.map(value -> "f:" + RateLimitKeys.hashed(value));
				}
				throw new IllegalArgumentException("Unknown rate limit key '" + key
						+ "': use ip, user, user-or-ip, api-key, ip+body-field:<field> or body-field:<field>");
			}
		};
	}

	static boolean needsBody(String key) {
		String normalized = key.strip().toLowerCase(java.util.Locale.ROOT);
		return normalized.startsWith(BODY_FIELD) || normalized.startsWith(GLOBAL_BODY_FIELD);
	}

}
