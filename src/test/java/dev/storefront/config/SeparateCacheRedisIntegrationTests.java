package dev.storefront.config;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.storefront.support.Api;
import dev.storefront.support.Api.Session;
import dev.storefront.support.DevServices;
import dev.storefront.support.EmbeddedRedis;
import dev.storefront.support.InOneWindow;
import dev.storefront.support.ProductFixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The cache on a Redis of its own ({@code storefront.redis.cache.url}): cache entries land there and not
 * in the state Redis, and with the cache Redis down the instance stays ready, logins, carts and rate
 * limits work (they live in the state Redis) and catalog reads come from PostgreSQL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(DevServices.class)
@ActiveProfiles("test")
// Closed after the class: left in the context cache, it would keep running (reconnecting to its stopped
// Redis, or as a second live app with workers and consumers on the shared services) under later tests.
@DirtiesContext
class SeparateCacheRedisIntegrationTests {

	static final EmbeddedRedis cacheRedis = EmbeddedRedis.start();

	@LocalServerPort
	int port;

	@Autowired
	StringRedisTemplate state;

	@Autowired
	@CacheRedis
	RedisConnectionFactory cacheFactory;

	@DynamicPropertySource
	static void cacheRedis(DynamicPropertyRegistry registry) {
		registry.add("storefront.redis.cache.url", cacheRedis::url);
		registry.add("storefront.redis.cache.timeout", () -> "1s");
	}

	@AfterAll
	static void stopCacheRedis() {
		cacheRedis.close();
	}

	@Test
	void cacheEntriesLiveInTheCacheRedisOnly() {
		Api api = new Api(port);
		long product = new ProductFixtures(api).product("12.50", 5);
		api.get("/api/products/" + product).send().expect(200);

		StringRedisTemplate cache = new StringRedisTemplate(cacheFactory);
		String key = "sf:cache:v1:product:" + product;
		await().atMost(Duration.ofSeconds(5)).until(() -> Boolean.TRUE.equals(cache.hasKey(key)));
		assertThat(state.hasKey(key)).isFalse();
		String cachePort = cache.execute(
				(RedisCallback<String>) connection -> connection.serverCommands().info("server").getProperty("tcp_port"));
		assertThat(cachePort).isEqualTo(String.valueOf(cacheRedis.port()));
	}

	@Test
	void cacheRedisDownLeavesLoginsCartsAndRateLimitsWorkingAndReadsOnPostgres() {
		Api api = new Api(port);
		ProductFixtures fixtures = new ProductFixtures(api);
		long cached = fixtures.product("3.00", 10);
		api.get("/api/products/" + cached).send().expect(200);

		cacheRedis.stop();
		try {
			Session admin = fixtures.admin();
			await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/actuator/health").as(admin).send()
				.json().at("/components/cacheRedis/status").asString().equals("DOWN"));
			api.get("/actuator/health/readiness").send().expect(200);

			// Logins and sessions: state Redis.
			Session shopper = api.newUser();
			api.get("/api/users/me").as(shopper).send().expect(200);

			// Catalog reads: the cache is skipped, PostgreSQL answers, also for a product never cached.
			long uncached = fixtures.product("4.00", 7);
			assertThat(api.get("/api/products/" + uncached).send().expect(200).json().get("stock").asInt())
				.isEqualTo(7);
			api.get("/api/products/" + cached).send().expect(200);
			api.get("/api/products?size=5").send().expect(200);

			// Carts: state Redis.
			api.put("/api/cart/items/" + uncached, Map.of("quantity", 2)).as(shopper).send().expect(200);
			assertThat(api.get("/api/cart").as(shopper).send().expect(200).body()).contains(String.valueOf(uncached));

			// Rate limits: state Redis; the probe policy allows 3 per window.
			int[] statuses = InOneWindow.run(Duration.ofMillis(1800), () -> {
				String probe = UUID.randomUUID().toString();
				int[] sent = new int[4];
				for (int i = 0; i < sent.length; i++) {
					sent[i] = api.get("/api/categories").header("X-Probe-Fixed-Window", probe).send().status();
				}
				return sent;
			});
			assertThat(statuses).containsExactly(200, 200, 200, 429);
		}
		finally {
			cacheRedis.restart();
		}
		Session admin = fixtures.admin();
		await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/actuator/health").as(admin).send()
			.json().at("/components/cacheRedis/status").asString().equals("UP"));
		// The cache's breaker ("cache") opened while the server was down and stays open for open-for after the
		// server is back; until its probe closes it, cache writes are skipped. Entries land again afterwards,
		// and the next test must not start with the breaker still open.
		StringRedisTemplate cache = new StringRedisTemplate(cacheFactory);
		await().atMost(Duration.ofSeconds(20)).until(() -> {
			api.get("/api/products/" + cached).send().expect(200);
			return Boolean.TRUE.equals(cache.hasKey("sf:cache:v1:product:" + cached));
		});
	}

}
