package dev.storefront;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.lettuce.core.RedisURI;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import dev.storefront.support.Api;
import dev.storefront.support.Api.Response;
import dev.storefront.support.Api.Session;
import dev.storefront.support.DevServices;
import dev.storefront.support.EmbeddedRedis;
import dev.storefront.support.ProductFixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis going away, stopped or hung, is a state the app survives (decision 0003): readiness stays UP
 * (database and startup only) while {@code /actuator/health} shows {@code redis} DOWN; a request with a
 * session on a public endpoint is served as anonymous with {@code Storefront-Degraded: session}; an
 * endpoint that needs a login answers 503 problem+json with {@code Retry-After}; once the breaker is open
 * no request waits for a Redis timeout. Uses a Redis of its own so it can stop and freeze it, with a 2 s
 * command timeout (the shared test machine is loaded).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.data.redis.timeout=2s", "spring.data.redis.connect-timeout=3s",
				"storefront.ratelimit.timeout=2s",
				"storefront.redis.circuit-breaker.instances.session-store.minimum-calls=3",
				"storefront.redis.circuit-breaker.instances.session-store.sliding-window=4",
				"storefront.redis.circuit-breaker.instances.session-store.open-for=10s" })
@Import({ DevServices.class, SessionStoreOutageIntegrationTests.OwnRedis.class })
@ActiveProfiles("test")
// Closed after the class: left in the context cache, it would keep running (reconnecting to its stopped
// Redis, or as a second live app with workers and consumers on the shared services) under later tests.
@DirtiesContext
class SessionStoreOutageIntegrationTests {

	static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);

	static final EmbeddedRedis redis = EmbeddedRedis.start();

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	@Autowired
	JdbcTemplate jdbc;

	Api api;

	@AfterAll
	static void stopRedis() {
		redis.close();
	}

	@BeforeEach
	void storeIsHealthy() {
		api = new Api(port);
		// A previous outage may have left the login policy's or the session store's breaker open.
		await().atMost(Duration.ofSeconds(60)).until(() -> degradedGauge() == 0
				&& api.post("/api/auth/login", Map.of("email", "admin@storefront.test", "password",
						"admin-password-for-tests")).send().status() == 200);
	}

	@Test
	void signedInShoppersKeepBrowsingAsAnonymousWhileRedisIsStopped() {
		ProductFixtures fixtures = new ProductFixtures(api);
		long product = fixtures.product("9.99", 5);
		Session user = api.newUser();
		assertThat(api.get("/api/products/" + product).as(user).send().expect(200).header("Storefront-Degraded"))
			.isEmpty();

		// The database-fallback claim needs a known count: wait until the views so far are flushed to
		// PostgreSQL (nothing pending in Redis), then the outage must answer exactly that count.
		long flushedViews = await().atMost(Duration.ofSeconds(60))
			.until(() -> persistedViews(product), views -> views > 0 && views == statsViews(product));

		redis.stop();
		try {
			api.get("/actuator/health/readiness").send().expect(200);
			api.get("/actuator/health/liveness").send().expect(200);
			Response health = api.get("/actuator/health").send();
			assertThat(health.status()).isEqualTo(503);
			assertThat(health.json().at("/components/redis/status").asString()).isEqualTo("DOWN");

			Response read = api.get("/api/products/" + product).as(user).send().expect(200);
			assertThat(read.header("Storefront-Degraded")).contains("session");
			assertThat(read.json().get("id").asLong()).isEqualTo(product);
			assertThat(read.json().has("wishlisted")).isFalse(); // served as anonymous: no wishlist flag
			Response byCookie = api.get("/api/categories")
				.header("Cookie", "SESSION=" + user.cookie("SESSION"))
				.send()
				.expect(200);
			assertThat(byCookie.header("Storefront-Degraded")).contains("session");
			assertThat(api.get("/api/products?size=5").send().expect(200).header("Storefront-Degraded")).isEmpty();
			// Stats fall back to the database count; a bad range is still the caller's error.
			assertThat(statsViews(product)).isEqualTo(flushedViews);
			api.get("/api/products/" + product + "/stats?from=2026-01-02&to=2026-01-01").send().expect(400);

			Response me = timed(() -> api.get("/api/users/me").as(user).send());
			assertThat(me.status()).as(me.body()).isEqualTo(503);
			assertThat(me.header("Retry-After")).contains("10");
			assertThat(me.header("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("problem+json"));
			assertThat(me.json().get("type").asString()).endsWith("/session-store-unavailable");
			assertThat(me.header("Storefront-Degraded")).contains("session");

			// The cart and the wishlist live in the stopped Redis: a clear 503 problem, quickly, never a hang or a 500.
			for (Supplier<Response> cart : List.<Supplier<Response>>of(
					() -> api.put("/api/cart/items/" + product, Map.of("quantity", 1)).as(user).send(),
					() -> api.get("/api/cart").as(user).send(),
					() -> api.put("/api/wishlist/" + product, null).as(user).send(),
					() -> api.delete("/api/wishlist/" + product).as(user).send())) {
				Response refused = timed(cart);
				assertThat(refused.status()).as(refused.body()).isEqualTo(503);
				assertThat(refused.header("Retry-After")).isPresent();
				assertThat(refused.header("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("problem+json"));
			}

			Response login = api.post("/api/auth/login",
					Map.of("email", "admin@storefront.test", "password", "admin-password-for-tests")).send();
			assertThat(login.status()).as(login.body()).isEqualTo(503);
			assertThat(login.header("Retry-After")).isPresent();

			await().atMost(Duration.ofSeconds(10)).until(() -> degradedGauge() == 1);
			assertThat(meters.counter("storefront.session.degraded.requests").count()).isPositive();
		}
		finally {
			redis.restart();
		}
		// The throwaway Redis kept nothing: the old session is gone, a new login works again.
		await().atMost(Duration.ofSeconds(60))
			.until(() -> api.get("/api/categories").as(user).send().header("Storefront-Degraded").isEmpty());
		api.get("/api/users/me").as(user).send().expect(401);
		Session again = api.login(user.email(), "password123");
		api.get("/api/users/me").as(again).send().expect(200);
	}

	@Test
	void aHungRedisDegradesSessionsWithoutWaitingAndTheSessionSurvivesIt() {
		ProductFixtures fixtures = new ProductFixtures(api);
		long product = fixtures.product("4.99", 5);
		Session user = api.newUser();
		api.get("/api/products/" + product).as(user).send().expect(200);
		api.get("/api/categories").send().expect(200); // in L1 now, like the product

		redis.pause();
		try {
			// Until the breakers open, a request may wait for one command timeout per breaker.
			await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).until(() -> {
				Response read = api.get("/api/products/" + product).as(user).send();
				return read.status() == 200 && read.header("Storefront-Degraded").isPresent();
			});
			// Each failed read counts; a few more open the session breaker (and the rate limiter's), after
			// which a request no longer waits for Redis at all.
			await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).until(() -> {
				long started = System.nanoTime();
				api.get("/api/categories").as(user).send();
				return degradedGauge() == 1
						&& Duration.ofNanos(System.nanoTime() - started).compareTo(COMMAND_TIMEOUT) < 0;
			});

			Response read = timed(() -> api.get("/api/categories").as(user).send());
			assertThat(read.status()).isEqualTo(200);
			assertThat(read.header("Storefront-Degraded")).contains("session");
			// Product reads record visitors and views off the request thread: no wait on the hung Redis.
			Response signedIn = timed(() -> api.get("/api/products/" + product).as(user).send());
			assertThat(signedIn.status()).isEqualTo(200);
			assertThat(signedIn.header("Storefront-Degraded")).contains("session");
			assertThat(timed(() -> api.get("/api/products/" + product).send()).status()).isEqualTo(200);
			Response me = timed(() -> api.get("/api/users/me").as(user).send());
			assertThat(me.status()).as(me.body()).isEqualTo(503);
			assertThat(me.header("Retry-After")).isPresent();
			timed(() -> api.get("/actuator/health/readiness").send().expect(200));
			timed(() -> api.get("/actuator/health/liveness").send().expect(200));
		}
		finally {
			redis.resume();
		}
		await().atMost(Duration.ofSeconds(60))
			.until(() -> api.get("/api/categories").as(user).send().header("Storefront-Degraded").isEmpty());
		// Nothing touched the session while it was unreadable: the same token works again.
		api.get("/api/users/me").as(user).send().expect(200);
	}

	/** Realtime endpoints (notifications module) refuse quickly while Redis is down, then recover. */
	@Test
	void realtimeEndpointsAnswer503WithRetryAfterWhileRedisIsDown() {
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

	/**
	 * Jobs, mail and stream admin over HTTP (the README's Redis-down rows): the admin endpoints of queues and
	 * streams answer a 503 problem with Retry-After, and a sign-up meanwhile still answers 201 and its welcome
	 * mail is sent, exactly once, once Redis returns.
	 */
	@Test
	void queueAndStreamAdminAnswer503AndASignUpsMailIsSentOnceRedisReturns() throws Exception {
		Session admin = api.admin();
		String email = "outage-" + java.util.UUID.randomUUID() + "@example.com";
		redis.stop();
		try {
			for (Api.Call call : List.of(api.get("/api/admin/queues").as(admin),
					api.post("/api/admin/queues/email/retry-failed", null).as(admin),
					api.get("/api/admin/streams/events").as(admin),
					api.get("/api/admin/streams/dlq").as(admin))) {
				Response refused = call.send();
				assertThat(refused.status()).as(refused.body()).isEqualTo(503);
				assertThat(refused.header("Retry-After")).isPresent();
				assertThat(refused.header("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("problem+json"));
			}
			api.post("/api/auth/register", Map.of("email", email, "password", "password123", "name", "Outage"))
				.send()
				.expect(201);
		}
		finally {
			redis.restart();
		}
		await().atMost(Duration.ofSeconds(60)).until(() -> welcomeMails(email) == 1);
		// The mail job completes after SMTP accepted it; from then on nothing may send it again. (The
		// restarted Redis kept no session: sign in again, once the login policy's breaker let go.)
		await().atMost(Duration.ofSeconds(60)).until(() -> api.post("/api/auth/login",
				Map.of("email", email, "password", "password123")).send().status() == 200);
		Session user = api.login(email, "password123");
		await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/jobs/email-welcome:welcome:" + user.userId())
			.as(api.admin()).send().json().path("state").asString().equals("completed"));
		assertThat(welcomeMails(email)).isEqualTo(1);
	}

	private static long welcomeMails(String email) throws Exception {
		long count = 0;
		for (jakarta.mail.Message mail : DevServices.mail().getReceivedMessages()) {
			if (java.util.Arrays.stream(mail.getAllRecipients()).anyMatch(to -> to.toString().equals(email))
					&& mail.getSubject().contains("Welcome")) {
				count++;
			}
		}
		return count;
	}

	/** Runs one request and checks it did not wait for a Redis command timeout. */
	private static Response timed(Supplier<Response> request) {
		long started = System.nanoTime();
		Response response = request.get();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).as(response.toString()).isLessThan(COMMAND_TIMEOUT);
		return response;
	}

	private long statsViews(long product) {
		return api.get("/api/products/" + product + "/stats").send().expect(200).json().get("views").asLong();
	}

	private long persistedViews(long product) {
		return jdbc.queryForObject("select view_count from products where id = ?", Long.class, product);
	}

	private double degradedGauge() {
		return meters.get("storefront.session.store.degraded").gauge().value();
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
