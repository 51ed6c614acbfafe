package dev.storefront.config;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

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
				Map.of("session", RedisCircuitBreakerProperties.Instance.consecutive(1, null))));

		CircuitBreakerConfig session = registry.circuitBreaker("session").getCircuitBreakerConfig();
		CircuitBreakerConfig cache = registry.circuitBreaker("cache").getCircuitBreakerConfig();

		assertThat(session.getMinimumNumberOfCalls()).isEqualTo(1);
		assertThat(session.getWaitIntervalFunctionInOpenState().apply(1)).isEqualTo(2000L);
		assertThat(cache.getMinimumNumberOfCalls()).isEqualTo(3);
		assertThat(cache.getPermittedNumberOfCallsInHalfOpenState()).isEqualTo(1);
	}

	@Test
	void aRateBasedInstanceRidesOutScatteredFailuresAndOpensOnTheRate() {
		var registry = RedisCircuitBreakers.registry(new RedisCircuitBreakerProperties(3, Duration.ofSeconds(2),
				Map.of("session-store", new RedisCircuitBreakerProperties.Instance(null, Duration.ofSeconds(5), 50f, 4,
						8, 2))));
		CircuitBreaker session = registry.circuitBreaker("session-store");

		for (int i = 0; i < 4; i++) {
			session.onSuccess(1, TimeUnit.MILLISECONDS);
		}
		for (int i = 0; i < 3; i++) {
			session.onError(1, TimeUnit.MILLISECONDS, new IllegalStateException("down"));
		}
		assertThat(session.getState()).as("3 consecutive failures, 3 of 7 calls").isEqualTo(CircuitBreaker.State.CLOSED);
		session.onError(1, TimeUnit.MILLISECONDS, new IllegalStateException("down"));
		assertThat(session.getState()).as("4 of 8 calls failed: 50%").isEqualTo(CircuitBreaker.State.OPEN);
		assertThat(session.getCircuitBreakerConfig().getPermittedNumberOfCallsInHalfOpenState()).isEqualTo(2);
		assertThat(session.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1)).isEqualTo(5000L);
	}

	@Test
	void theSessionStoreKeepsItsRateBasedSettingsFromApplicationYml() throws IOException {
		List<PropertySource<?>> yaml = new YamlPropertySourceLoader().load("application.yml",
				new ClassPathResource("application.yml"));
		RedisCircuitBreakerProperties properties = new Binder(ConfigurationPropertySources.from(yaml.get(0)))
			.bindOrCreate("storefront.redis.circuit-breaker", RedisCircuitBreakerProperties.class);

		CircuitBreakerConfig session = RedisCircuitBreakers.registry(properties)
			.circuitBreaker("session-store")
			.getCircuitBreakerConfig();

		assertThat(session.getFailureRateThreshold()).isEqualTo(50f);
		assertThat(session.getMinimumNumberOfCalls()).isEqualTo(5);
		assertThat(session.getSlidingWindowSize()).isEqualTo(20);
		assertThat(session.getWaitIntervalFunctionInOpenState().apply(1)).isEqualTo(5000L);
		assertThat(session.getPermittedNumberOfCallsInHalfOpenState()).isEqualTo(2);
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
