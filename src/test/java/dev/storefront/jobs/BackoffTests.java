package dev.storefront.jobs;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The backoff series, with and without the queue's ceiling ({@code max-backoff}).
 */
class BackoffTests {

	private final SplittableRandom random = new SplittableRandom(42);

	@Test
	void exponentialDoublesFromTheBaseDelay() {
		assertThat(Backoff.delayMillis(Backoff.Type.EXPONENTIAL, 2000, 0, 1, random)).isEqualTo(2000);
		assertThat(Backoff.delayMillis(Backoff.Type.EXPONENTIAL, 2000, 0, 4, random)).isEqualTo(16000);
		assertThat(Backoff.delayMillis(Backoff.Type.EXPONENTIAL, 2000, 0, 12, random)).isEqualTo(4_096_000);
	}

	@Test
	void aCeilingStopsTheGrowthAndKeepsTheDelayThere() {
		long cap = 300_000;
		assertThat(Backoff.delayMillis(Backoff.Type.EXPONENTIAL, 2000, 0, 4, cap, random)).isEqualTo(16000);
		assertThat(Backoff.delayMillis(Backoff.Type.EXPONENTIAL, 2000, 0, 9, cap, random)).isEqualTo(cap);
		assertThat(Backoff.delayMillis(Backoff.Type.EXPONENTIAL, 2000, 0, 40, cap, random)).isEqualTo(cap);
		assertThat(Backoff.delayMillis(Backoff.Type.FIXED, 500_000, 0, 1, cap, random)).isEqualTo(cap);
		assertThat(Backoff.delayMillis(Backoff.Type.EXPONENTIAL, 2000, 0, 40, 0, random)).isEqualTo(2000L << 30);
	}

	@Test
	void jitterTakesItsFractionOffTheCappedDelay() {
		for (int i = 0; i < 100; i++) {
			assertThat(Backoff.delayMillis(Backoff.Type.EXPONENTIAL, 2000, 0.2, 20, 300_000, random))
				.isBetween(240_000L, 300_000L);
		}
	}

}
