package dev.storefront;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import java.util.concurrent.TimeUnit;

import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import dev.storefront.support.Api;
import dev.storefront.support.ConfiguredRedis;
import dev.storefront.support.DevServices;
import dev.storefront.support.ProductFixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The production conf files (deploy/redis) on a real redis-server: the settings they promise, the
 * {@code app} ACL user's limits, and the whole application running its smoke path as {@code app} with
 * {@code storefront.redis.configure-keyspace-events=false} and actuator on a management port, as in
 * docker-compose.yml. A context of its own (another Redis), closed after the class.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "storefront.redis.configure-keyspace-events=false", "management.server.port=0" })
@Import({ DevServices.class, ProductionRedisConfIntegrationTests.AppUserRedis.class })
@ActiveProfiles("test")
@DirtiesContext
class ProductionRedisConfIntegrationTests {

	static final String APP_PASSWORD = "storefront-app-dev";

	static final String ADMIN_PASSWORD = "storefront-admin-dev";

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	private static LettuceConnectionFactory admin;

	@BeforeAll
	static void needsRedis7() {
		assumeThat(ConfiguredRedis.majorVersion()).as("the ACL file uses Redis 7 syntax").isGreaterThanOrEqualTo(7);
		admin = State.SERVER.connectionFactory("admin", ADMIN_PASSWORD);
	}

	@AfterAll
	static void closeAdmin() {
		if (admin != null) {
			admin.destroy();
		}
	}

	@Test
	void stateConfNeverEvictsWritesAofEverySecondAndSetsKeyspaceEvents() {
		Properties config = config(admin, "*");

		assertThat(config.getProperty("maxmemory-policy")).isEqualTo("noeviction");
		assertThat(config.getProperty("appendonly")).isEqualTo("yes");
		assertThat(config.getProperty("appendfsync")).isEqualTo("everysec");
		assertThat(config.getProperty("save")).isNotBlank();
		assertThat(config.getProperty("lazyfree-lazy-user-del")).isEqualTo("yes");
		assertThat(config.getProperty("tcp-keepalive")).isEqualTo("300");
		assertThat(config.getProperty("notify-keyspace-events")).contains("E", "g", "x");
	}

	@Test
	void cacheConfEvictsLeastRecentlyUsedKeysAndPersistsNothing() {
		try (ConfiguredRedis cache = ConfiguredRedis.start(Path.of("deploy/redis/redis-cache.conf"),
				Path.of("deploy/redis/users.acl"))) {
			LettuceConnectionFactory cacheAdmin = cache.connectionFactory("admin", ADMIN_PASSWORD);
			LettuceConnectionFactory cacheApp = cache.connectionFactory("app", APP_PASSWORD);
			try {
				Properties config = config(cacheAdmin, "*");
				assertThat(config.getProperty("maxmemory-policy")).isEqualTo("allkeys-lru");
				assertThat(config.getProperty("appendonly")).isEqualTo("no");
				assertThat(config.getProperty("save")).isEmpty();
				assertThat(config.getProperty("lazyfree-lazy-eviction")).isEqualTo("yes");
				assertThat(config.getProperty("notify-keyspace-events")).contains("E", "x");
				assertThatThrownBy(() -> run(cacheApp, "FLUSHALL")).hasStackTraceContaining("NOPERM");
			}
			finally {
				cacheAdmin.destroy();
				cacheApp.destroy();
			}
		}
	}

	/**
	 * Redis 7 logs a script's writes to the AOF as MULTI/EXEC, and its start-up replay runs EXEC as the
	 * {@code default} user, re-checking the ACL: with a {@code default} of no permissions every transaction
	 * was refused and dropped, so carts and every other script-written key vanished on a clean restart while
	 * plain writes (sessions) came back (redis/redis#14541; found by .ci/rehearsal).
	 */
	@Test
	void aScriptsWritesSurviveARestartFromTheAof() {
		ConfiguredRedis redis = ConfiguredRedis.start(Path.of("deploy/redis/redis.conf"), Path.of("deploy/redis/users.acl"));
		try {
			LettuceConnectionFactory app = redis.connectionFactory("app", APP_PASSWORD);
			try {
				StringRedisTemplate template = new StringRedisTemplate(app);
				template.execute(RedisScript.of("redis.call('HSET', KEYS[1], '42', '3') redis.call('PEXPIRE', KEYS[1], ARGV[1]) return 1",
						Long.class), List.of("sf:aof-probe:cart"), "600000");
				template.opsForValue().set("sf:aof-probe:plain", "1");
			}
			finally {
				app.destroy();
			}

			redis = redis.restart();

			LettuceConnectionFactory restartedAdmin = redis.connectionFactory("admin", ADMIN_PASSWORD);
			try {
				StringRedisTemplate template = new StringRedisTemplate(restartedAdmin);
				assertThat(template.opsForValue().get("sf:aof-probe:plain")).isEqualTo("1");
				assertThat(template.<String, String>opsForHash().get("sf:aof-probe:cart", "42"))
					.as("the script's write after the AOF replay; the server's log:%n%s", redis.log())
					.isEqualTo("3");
				assertThat(redis.log()).doesNotContain("AOF-loading-client");
			}
			finally {
				restartedAdmin.destroy();
			}
		}
		finally {
			redis.close();
		}
	}

	@Test
	void theAppUserIsRefusedFlushallConfigSetAndOtherAdministration() {
		LettuceConnectionFactory app = State.SERVER.connectionFactory("app", APP_PASSWORD);
		try {
			StringRedisTemplate redis = new StringRedisTemplate(app);
			redis.opsForValue().set("sf:acl-probe", "ok");

			assertThatThrownBy(() -> run(app, "FLUSHALL")).hasStackTraceContaining("NOPERM");
			assertThatThrownBy(() -> run(app, "CONFIG", "SET", "maxmemory", "1")).hasStackTraceContaining("NOPERM");
			assertThatThrownBy(() -> run(app, "CONFIG", "GET", "maxmemory")).hasStackTraceContaining("NOPERM");
			assertThatThrownBy(() -> run(app, "KEYS", "*")).hasStackTraceContaining("NOPERM");
			// Asked without running them: DEBUG is also off server-wide, and SHUTDOWN would end the test.
			assertThat(dryRun("app", "DEBUG", "SLEEP", "0")).contains("no permissions");
			assertThat(dryRun("app", "SHUTDOWN", "NOSAVE")).contains("no permissions");
			assertThat(dryRun("app", "SCRIPT", "FLUSH")).contains("no permissions");
			assertThat(dryRun("app", "FUNCTION", "FLUSH")).contains("no permissions");
			assertThatThrownBy(() -> redis.opsForValue().set("outside", "x")).hasStackTraceContaining("NOPERM");
			assertThat(redis.opsForValue().get("sf:acl-probe")).isEqualTo("ok");
			// What the monitoring needs is allowed.
			assertThat(dryRun("app", "INFO", "memory")).isEqualTo("OK");
			assertThat(dryRun("app", "MEMORY", "USAGE", "sf:acl-probe")).isEqualTo("OK");
			assertThat(dryRun("app", "SLOWLOG", "GET", "1")).isEqualTo("OK");
			assertThat(dryRun("app", "LATENCY", "LATEST")).isEqualTo("OK");
		}
		finally {
			app.destroy();
		}
	}

	@Test
	void theDefaultUserIsDisabled() {
		LettuceConnectionFactory anonymous = new LettuceConnectionFactory("127.0.0.1", State.SERVER.port());
		anonymous.afterPropertiesSet();
		anonymous.start();
		try {
			assertThatThrownBy(() -> new StringRedisTemplate(anonymous).opsForValue().get("sf:acl-probe"))
				.hasStackTraceContaining("NOAUTH");
		}
		finally {
			anonymous.destroy();
		}
	}

	@Test
	void theApplicationRunsItsSmokePathAsTheAppUser() {
		run(admin, "ACL", "LOG", "RESET");
		try {
			smokePath(new Api(port));
		}
		catch (AssertionError ex) {
			throw new AssertionError(ex.getMessage() + "\nRefused by the ACL: " + aclLog(), ex);
		}
		// Nothing the app sent was refused by the ACL.
		assertThat(aclLog()).isEqualTo("[]");
	}

	private void smokePath(Api api) {
		ProductFixtures catalog = new ProductFixtures(api);
		long product = catalog.product("9.99", 100);
		Api.Session shopper = api.newUser();

		api.get("/api/products/" + product).send().expect(200);
		api.get("/api/products/" + product).as(shopper).send().expect(200);
		api.get("/api/products?size=5").send().expect(200);
		api.get("/api/users/me").as(shopper).send().expect(200);
		api.get("/api/users/me/sessions").as(shopper).send().expect(200);
		api.put("/api/cart/items/" + product, Map.of("quantity", 2)).as(shopper).send().expect(200);
		assertThat(api.get("/api/cart").as(shopper).send().expect(200).json().toString()).contains("" + product);
		api.post("/api/orders/from-cart", null).as(shopper).send().expect(201);
		// Checkout empties the cart; a new line keeps one for the raw-state checks below.
		api.put("/api/cart/items/" + product, Map.of("quantity", 1)).as(shopper).send().expect(200);
		api.post("/api/orders", Map.of("items", List.of(Map.of("productId", product, "quantity", 1))))
			.as(shopper).header("Idempotency-Key", UUID.randomUUID().toString()).send().expect(201);
		for (String probe : List.of("X-Probe-Token-Bucket", "X-Probe-Fixed-Window", "X-Probe-Sliding-Log")) {
			api.get("/api/categories").header(probe, "conf-" + UUID.randomUUID()).send().expect(200);
		}
		api.get("/api/products/bestsellers").send().expect(200);
		api.get("/api/users/me/recently-viewed").as(shopper).send().expect(200);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
				api.get("/api/products/" + product + "/stats").send().expect(200).json().get("views").asLong())
			.isEqualTo(2));
		JsonNode report = new Api(managementPort).get("/actuator/redis").as(catalog.admin()).send().expect(200).json()
			.get("state");
		assertThat(report.get("info").propertyNames()).hasSize(1).allMatch(node -> !node.equals("*"));
		assertThat(report.get("memory").get("patterns").toString()).contains("sf:session:sessions:*");
		api.post("/api/auth/logout", null).as(shopper).send();
		api.get("/api/users/me").as(shopper).send().expect(401);

		assertThat(keys("sf:session:*")).isNotEmpty();
		assertThat(keys("sf:cart:*")).isNotEmpty();
		assertThat(keys("sf:cache:*")).isNotEmpty();
		assertThat(keys("sf:rl:*")).isNotEmpty();
		assertThat(keys("sf:an:*")).isNotEmpty();
	}

	@SuppressWarnings("unchecked")
	private static String aclLog() {
		try (RedisConnection connection = admin.getConnection()) {
			var commands = (RedisClusterAsyncCommands<byte[], byte[]>) connection.getNativeConnection();
			return commands.aclLog().get(5, TimeUnit.SECONDS).toString();
		}
		catch (Exception ex) {
			throw new IllegalStateException("ACL LOG failed", ex);
		}
	}

	private static String dryRun(String user, String... command) {
		String[] args = new String[command.length + 2];
		args[0] = "DRYRUN";
		args[1] = user;
		System.arraycopy(command, 0, args, 2, command.length);
		return describe(run(admin, "ACL", args));
	}

	// Replies arrive as nested lists of byte arrays.
	private static String describe(Object reply) {
		if (reply instanceof byte[] bytes) {
			return new String(bytes);
		}
		if (reply instanceof List<?> list) {
			return list.stream().map(ProductionRedisConfIntegrationTests::describe).toList().toString();
		}
		return String.valueOf(reply);
	}

	@Test
	void prometheusScrapesTheManagementPortWithoutLoginWhileEveryOtherEndpointNeedsAdmin() {
		Api management = new Api(managementPort);
		Api.Session admin = new Api(port).admin();

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
				management.get("/actuator/prometheus").send().expect(200).body())
			.contains("storefront_redis_memory_used_bytes{"));
		management.get("/actuator/health/readiness").send().expect(200);
		management.get("/actuator/redis").send().expect(401);
		management.get("/actuator/metrics").send().expect(401);
		management.get("/actuator/redis/info").as(admin).send().expect(200);
		// The API port serves no actuator at all, and the scrape is not open there.
		new Api(port).get("/actuator/prometheus").send().expect(401);
	}

	private static Object run(LettuceConnectionFactory factory, String command, String... args) {
		byte[][] raw = new byte[args.length][];
		for (int i = 0; i < args.length; i++) {
			raw[i] = args[i].getBytes();
		}
		return new StringRedisTemplate(factory).execute((RedisCallback<Object>) c -> c.execute(command, raw));
	}

	private static Properties config(LettuceConnectionFactory factory, String pattern) {
		return new StringRedisTemplate(factory)
			.execute((RedisCallback<Properties>) c -> c.serverCommands().getConfig(pattern));
	}

	private static List<String> keys(String pattern) {
		return new StringRedisTemplate(admin).execute((RedisCallback<List<String>>) c -> {
			List<String> found = new ArrayList<>();
			try (Cursor<byte[]> cursor = c.keyCommands().scan(ScanOptions.scanOptions().match(pattern).build())) {
				cursor.forEachRemaining(key -> found.add(new String(key)));
			}
			return found;
		});
	}

	/** The state Redis from deploy/redis/redis.conf, started once for this class. */
	static final class State {

		static final ConfiguredRedis SERVER = ConfiguredRedis.start(Path.of("deploy/redis/redis.conf"),
				Path.of("deploy/redis/users.acl"));

	}

	/** Points the app (Lettuce, Redisson, Spring Session) at that server as the {@code app} user. */
	@TestConfiguration(proxyBeanMethods = false)
	static class AppUserRedis {

		@Bean
		@Primary
		DataRedisConnectionDetails appUserRedis() {
			return new DataRedisConnectionDetails() {
				@Override
				public String getUsername() {
					return "app";
				}

				@Override
				public String getPassword() {
					return APP_PASSWORD;
				}

				@Override
				public Standalone getStandalone() {
					return Standalone.of("127.0.0.1", State.SERVER.port());
				}
			};
		}

	}

}
