package dev.storefront.ops;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.storefront.user.SecretKeys;

import static org.assertj.core.api.Assertions.assertThat;

class KeyRedactionTests {

	private final KeyRedaction redaction = new KeyRedaction(
			List.of("sf:session:sessions:", "sf:session:sessions:expires:", "sf:session:index:", "sf:tok:"));

	@Test
	void everySegmentAfterASecretPrefixBecomesItsFingerprint() {
		String id = "0c6f3a1e-5d0c-4a57-9a53-54e3c7a8a9f2";

		assertThat(redaction.key("sf:session:sessions:" + id)).isEqualTo("sf:session:sessions:#" + SecretKeys.fingerprint(id));
		assertThat(redaction.key("sf:session:sessions:expires:" + id))
			.isEqualTo("sf:session:sessions:expires:#" + SecretKeys.fingerprint(id));
		assertThat(redaction.key("sf:tok:a:b")).isEqualTo("sf:tok:#" + SecretKeys.fingerprint("a") + ":#" + SecretKeys.fingerprint("b"));
		assertThat(redaction.key("sf:cache:v1:product:42")).isEqualTo("sf:cache:v1:product:42");
		assertThat(KeyPatterns.of(redaction.key("sf:session:sessions:" + id))).isEqualTo("sf:session:sessions:*");
	}

	@Test
	void aCommandIsRedactedFromItsFirstSecretKeyOn() {
		String id = "0c6f3a1e-5d0c-4a57-9a53-54e3c7a8a9f2";

		assertThat(redaction.command(List.of("SADD", "sf:session:index:principal:7", id)))
			.containsExactly("SADD", "sf:session:index:#" + SecretKeys.fingerprint("principal") + ":#" + SecretKeys.fingerprint("7"),
					"#" + SecretKeys.fingerprint(id));
		assertThat(redaction.command(List.of("GET", "sf:cart:7"))).containsExactly("GET", "sf:cart:7");
	}

	@Test
	void theSessionPrefixesFollowTheNamespace() {
		assertThat(SecretKeys.of("sf:session").prefixes()).contains("sf:session:sessions:", "sf:session:sessions:expires:",
				"sf:session:index:");
	}

}
