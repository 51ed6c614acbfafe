package dev.storefront.ops;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KeyPatternsTests {

	@Test
	void replacesIdsWithAStar() {
		assertThat(KeyPatterns.of("sf:cache:v1:product:42")).isEqualTo("sf:cache:v1:product:*");
		assertThat(KeyPatterns.of("sf:cart:7")).isEqualTo("sf:cart:*");
		assertThat(KeyPatterns.of("sf:session:sessions:6f1c2a4e-5d1b-4c8e-9f0a-1b2c3d4e5f60"))
			.isEqualTo("sf:session:sessions:*");
	}

	@Test
	void keepsWordsAfterAnIdAndShowsHashTagsAsBraces() {
		assertThat(KeyPatterns.of("sf:views:{42}:pending")).isEqualTo("sf:views:{*}:pending");
		assertThat(KeyPatterns.of("sf:lock:{order:42}")).isEqualTo("sf:lock:{*}");
		assertThat(KeyPatterns.of("sf:an:uv:{p:42}:2026-11-29")).isEqualTo("sf:an:uv:{*}:*");
	}

	@Test
	void collapsesRunsOfIdsSoCardinalityStaysLow() {
		assertThat(KeyPatterns.of("sf:rl:sl:login:1.2.3.4:Ab3dEf9hIjKlMnOpQrStUv")).isEqualTo("sf:rl:sl:login:*");
		assertThat(KeyPatterns.of("sf:session:index:PRINCIPAL_NAME:user@example.com"))
			.isEqualTo("sf:session:index:*");
	}

	@Test
	void capsTheDepthOfAPattern() {
		assertThat(KeyPatterns.of("a:b:c:d:e:f:g:h")).isEqualTo("a:b:c:d:e:f:*");
		assertThat(KeyPatterns.of("plainkey")).isEqualTo("plainkey");
	}

}
