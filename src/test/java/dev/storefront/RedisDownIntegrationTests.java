package dev.storefront;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.lettuce.core.RedisURI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ActiveProfiles;

import dev.storefront.support.Api;
import dev.storefront.support.Api.Response;
import dev.storefront.support.Api.Session;
import dev.storefront.support.DevServices;
import dev.storefront.support.EmbeddedRedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis going away is a state the app survives: readiness goes DOWN while liveness stays UP,
 * anonymous reads keep working, and session-bearing requests get a quick 503 instead of a hang
 * or a 500. Uses its own Redis so it can stop it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.data.redis.timeout=2s", "spring.data.redis.connect-timeout=2s" })
@Import({ DevServices.class, RedisDownIntegrationTests.OwnRedis.class })
@ActiveProfiles("test")
class RedisDownIntegrationTests {

	static final EmbeddedRedis redis = EmbeddedRedis.start();

	@LocalServerPort
	int port;

	@AfterAll
	static void stopRedis() {
		redis.close();
	}

	@Test
	void survivesRedisGoingAway() {
		Api api = new Api(port);
		Session session = api.admin();
		api.get("/api/users/me").as(session).send().expect(200);

		redis.stop();
		try {
			await().atMost(Duration.ofSeconds(20))
				.until(() -> api.get("/actuator/health/readiness").send().status() == 503);
			api.get("/actuator/health/liveness").send().expect(200);

			// Anonymous catalog reads never touch Redis.
			api.get("/api/categories").send().expect(200);
			api.get("/api/products?size=5").send().expect(200);

			// A request with a session fails fast and cleanly.
			long started = System.nanoTime();
			Response withSession = api.get("/api/users/me").as(session).send();
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
			assertThat(withSession.status()).as(withSession.body()).isEqualTo(503);
			assertThat(withSession.header("Retry-After")).isPresent();
			assertThat(withSession.header("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("problem+json"));

			Response login = api.post("/api/auth/login",
					Map.of("email", "admin@storefront.test", "password", "admin-password-for-tests")).send();
			assertThat(login.status()).as(login.body()).isEqualTo(503);
		}
		finally {
			redis.restart();
		}
		await().atMost(Duration.ofSeconds(30))
			.until(() -> api.get("/actuator/health/readiness").send().status() == 200);
		// Sessions were lost with the throwaway Redis (it keeps nothing). A new login works once the
		// login rate limit's circuit breaker has let its probe through.
		Map<String, String> credentials = Map.of("email", "admin@storefront.test", "password", "admin-password-for-tests");
		await().atMost(Duration.ofSeconds(30))
			.until(() -> api.post("/api/auth/login", credentials).send().status() == 200);
	}

	/** Realtime endpoints (notifications module) refuse quickly while Redis is down, then recover. */
	@Test
	void realtimeEndpointsAnswer503WithRetryAfterWhileRedisIsDown() {
		Api api = new Api(port);
		Session session = api.admin();
		redis.stop();
		try {
			await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/ws").send().status() == 503);
			// The handshake is a GET to /ws; the filter answers before any upgrade handling.
			for (Api.Call call : List.of(api.get("/ws").header("Sec-WebSocket-Version", "13"),
					api.get("/api/notifications/stream").as(session).header("Accept", "text/event-stream"))) {
				long started = System.nanoTime();
				Response refused = call.send();
				assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
				assertThat(refused.status()).as(refused.body()).isEqualTo(503);
				assertThat(refused.header("Retry-After")).isPresent();
				assertThat(refused.header("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("problem+json"));
			}
		}
		finally {
			redis.restart();
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/ws").send().status() != 503);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class OwnRedis {

		@Bean
		@Primary
		DataRedisConnectionDetails stoppableRedis() {
			RedisURI uri = RedisURI.create(redis.url());
			return new DataRedisConnectionDetails() {
				@Override
				public Standalone getStandalone() {
					return Standalone.of(uri.getHost(), uri.getPort());
				}
			};
		}

	}

}
