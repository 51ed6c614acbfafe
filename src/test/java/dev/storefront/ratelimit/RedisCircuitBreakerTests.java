package dev.storefront.ratelimit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedisCircuitBreakerTests {

	private final AtomicLong now = new AtomicLong();

	private final RedisCircuitBreaker breaker = new RedisCircuitBreaker(3, Duration.ofSeconds(5), now::get);

	@Test
	void opensAfterConsecutiveFailuresAndSkipsCallsWhileOpen() {
		breaker.failure();
		breaker.failure();
		assertThat(breaker.tryCall()).isTrue();
		breaker.failure();

		assertThat(breaker.isOpen()).isTrue();
		assertThat(breaker.tryCall()).isFalse();
		assertThat(breaker.retryAfter()).isEqualTo(Duration.ofSeconds(5));
	}

	@Test
	void aSuccessResetsTheFailureCount() {
		breaker.failure();
		breaker.failure();
		breaker.success();
		breaker.failure();

		assertThat(breaker.isOpen()).isFalse();
	}

	@Test
	void letsOneProbeThroughAfterTheOpenPeriodAndClosesOnItsSuccess() {
		openIt();
		now.addAndGet(Duration.ofSeconds(5).toNanos());

		assertThat(breaker.tryCall()).isTrue();
		assertThat(breaker.tryCall()).as("only one probe at a time").isFalse();
		breaker.success();

		assertThat(breaker.isOpen()).isFalse();
		assertThat(breaker.tryCall()).isTrue();
	}

	@Test
	void aFailedProbeOpensItAgain() {
		openIt();
		now.addAndGet(Duration.ofSeconds(6).toNanos());
		assertThat(breaker.tryCall()).isTrue();

		breaker.failure();

		assertThat(breaker.tryCall()).isFalse();
		now.addAndGet(Duration.ofSeconds(4).toNanos());
		assertThat(breaker.tryCall()).isFalse();
	}

	private void openIt() {
		breaker.failure();
		breaker.failure();
		breaker.failure();
		assertThat(breaker.tryCall()).isFalse();
	}

}
