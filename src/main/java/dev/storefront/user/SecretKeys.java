package dev.storefront.user;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Secrets that end up in Redis key names, and the one fingerprint that stands in for a secret wherever
 * the secret itself must not appear: rate-limit keys (emails, API keys), the session revocation channel,
 * and the keys shown by {@code /actuator/redis}.
 * <p>
 * A session id is a bearer token: Spring Session's keys ({@code <namespace>:sessions:<id>},
 * {@code <namespace>:sessions:expires:<id>}) carry it in clear text, and the principal index carries the
 * user. Every segment after one of {@link #prefixes()} is a secret.
 */
@Component
public final class SecretKeys {

	private final List<String> prefixes;

	SecretKeys(@Value("${spring.session.data.redis.namespace:spring:session}") String sessionNamespace) {
		// Longest first: the first match wins, and "sessions:expires:" must keep its word "expires".
		this.prefixes = List.of(sessionNamespace + ":sessions:expires:", sessionNamespace + ":sessions:",
				sessionNamespace + ":index:", sessionNamespace + ":expirations:");
	}

	/** The secret keys of the sessions in this namespace ({@code spring.session.data.redis.namespace}). */
	public static SecretKeys of(String sessionNamespace) {
		return new SecretKeys(sessionNamespace);
	}

	/** Key prefixes after which every segment is a secret, longest first. */
	public List<String> prefixes() {
		return prefixes;
	}

	/**
	 * A stable stand-in for a secret: the first 16 bytes of its SHA-256, in hex (32 characters). Equal
	 * secrets give equal fingerprints, so a fingerprint can be matched, never reversed.
	 */
	public static String fingerprint(String secret) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
