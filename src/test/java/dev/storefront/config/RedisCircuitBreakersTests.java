package dev.storefront.config;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The one breaker shape the cache, the rate limit policies and the session store share.
 */
class RedisCircuitBreakersTests {

	private static final Duration OPEN_FOR = Duration.ofMillis(300);

	private final CircuitBreaker breaker = CircuitBreaker.of("test", RedisCircuitBreakers.config(3, OPEN_FOR));

	@Test
	void opensAfterConsecutiveFailuresAndSkipsCallsWhileOpen() {
		fail();
		fail();
		assertThat(breaker.tryAcquirePermission()).isTrue();
		breaker.releasePermission();
		fail();

		assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
		assertThat(breaker.tryAcquirePermission()).isFalse();
	}

	@Test
	void aSuccessBetweenFailuresKeepsItClosed() {
		fail();
		fail();
		succeed();
		fail();

		assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	@Test
	void letsOneProbeThroughAfterTheOpenPeriodAndClosesOnItsSuccess() {
		openIt();

		await().atMost(Duration.ofSeconds(5)).until(breaker::tryAcquirePermission);
		assertThat(breaker.tryAcquirePermission()).as("only one probe at a time").isFalse();
		breaker.onSuccess(1, TimeUnit.MILLISECONDS);

		assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(breaker.tryAcquirePermission()).isTrue();
	}

	@Test
	void aFailedProbeOpensItAgain() {
		openIt();
		await().atMost(Duration.ofSeconds(5)).until(breaker::tryAcquirePermission);

		breaker.onError(1, TimeUnit.MILLISECONDS, new IllegalStateException("still down"));

		assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
		assertThat(breaker.tryAcquirePermission()).isFalse();
	}

	@Test
	void aNamedInstanceTakesItsOwnSettingsAndOthersTheSharedOnes() {
		var registry = RedisCircuitBreakers.registry(new RedisCircuitBreakerProperties(3, Duration.ofSeconds(2),
				Map.of("session", new RedisCircuitBreakerProperties.Instance(1, null))));

		CircuitBreakerConfig session = registry.circuitBreaker("session").getCircuitBreakerConfig();
		CircuitBreakerConfig cache = registry.circuitBreaker("cache").getCircuitBreakerConfig();

		assertThat(session.getMinimumNumberOfCalls()).isEqualTo(1);
		assertThat(session.getWaitIntervalFunctionInOpenState().apply(1)).isEqualTo(2000L);
		assertThat(cache.getMinimumNumberOfCalls()).isEqualTo(3);
		assertThat(cache.getPermittedNumberOfCallsInHalfOpenState()).isEqualTo(1);
	}

	private void openIt() {
		fail();
		fail();
		fail();
		assertThat(breaker.tryAcquirePermission()).isFalse();
	}

	private void fail() {
		breaker.onError(1, TimeUnit.MILLISECONDS, new IllegalStateException("down"));
	}

	private void succeed() {
		breaker.onSuccess(1, TimeUnit.MILLISECONDS);
	}

}
