package dev.storefront.ops;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.storefront.support.Api;
import dev.storefront.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class RedisEndpointIntegrationTests {

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	private Api api;

	private Api.Session admin;

	private String node;

	@BeforeEach
	void setUp() {
		admin = api.admin();
		node = api.get("/actuator/redis/info").as(admin).send().expect(200).json().get("state").propertyNames()
			.iterator().next();
	}

	@Test
	void reportIsForAdminsOnly() {
		api.get("/actuator/redis").send().expect(401);
		api.get("/actuator/redis/info").as(api.newUser()).send().expect(403);
		JsonNode report = api.get("/actuator/redis").as(admin).send().expect(200).json().get("state");
		assertThat(report.propertyNames()).containsExactly("info", "memory", "bigkeys", "slowlog", "latency");
	}

	@Test
	void infoReportsVersionMemoryPersistenceAndReplicationPerNode() {
		JsonNode info = api.get("/actuator/redis/info").as(admin).send().expect(200).json().get("state").get(node);

		assertThat(node).matches(".+:\\d+");
		assertThat(info.get("version").asString()).startsWith(redisVersion().substring(0, 1));
		assertThat(info.get("role").asString()).isEqualTo("master");
		// Compared with the server's own INFO read right after: the report passes the figures on unchanged
		// (a little traffic in between moves them slightly, never by much).
		java.util.Properties direct = redis.execute((RedisCallback<java.util.Properties>) c -> c.serverCommands().info());
		assertThat(info.get("memory").get("usedBytes").asLong())
			.isCloseTo(Long.parseLong(direct.getProperty("used_memory")), org.assertj.core.data.Percentage.withPercentage(10));
		assertThat(info.get("memory").get("maxmemoryPolicy").asString()).isNotBlank();
		assertThat(info.get("clients").get("connected").asLong())
			.isCloseTo(Long.parseLong(direct.getProperty("connected_clients")), org.assertj.core.data.Offset.offset(5L));
		assertThat(info.get("persistence").get("aofEnabled").asBoolean()).isFalse();
		assertThat(info.get("replication").get("replicas").asInt()).isZero();
		double hits = Double.parseDouble(direct.getProperty("keyspace_hits"));
		double misses = Double.parseDouble(direct.getProperty("keyspace_misses"));
		assertThat(info.get("keyspaceHitRatio").asDouble()).isCloseTo(hits / (hits + misses),
				org.assertj.core.data.Offset.offset(0.01));
	}

	@Test
	void memoryGroupsSampledKeysByPatternWithTheLargestKey() {
		String run = UUID.randomUUID().toString();
		for (int i = 0; i < 30; i++) {
			redis.opsForValue().set("sf:opstest:" + run + ":item:" + i, "x".repeat(i == 7 ? 5000 : 10));
		}

		JsonNode memory = api.get("/actuator/redis/memory").as(admin).send().expect(200).json().get("state");

		JsonNode pattern = pattern(memory, "sf:opstest:*:item:*");
		assertThat(pattern.get("sampledKeys").asLong()).isGreaterThanOrEqualTo(30);
		assertThat(pattern.get("estimatedTotalBytes").asLong()).isGreaterThanOrEqualTo(pattern.get("sampledBytes").asLong());
		assertThat(pattern.get("largestKey").asString()).endsWith(":item:7");
		assertThat(pattern.get("largestKeyBytes").asLong()).isGreaterThan(5000);
		assertThat(memory.get("keys").asLong()).isGreaterThanOrEqualTo(memory.get("sampledKeys").asLong());
		assertThat(memory.get("failedNodes").isEmpty()).isTrue();
	}

	@Test
	void bigkeysListsTheLargestKeysAndCollectionsOverTenThousandElementsWithTheirEncoding() {
		String key = "sf:opstest:big:" + UUID.randomUUID();
		Map<String, String> fields = new HashMap<>();
		for (int i = 0; i <= 10_000; i++) {
			fields.put("f" + i, "v");
		}
		redis.opsForHash().putAll(key, fields);
		try {
			JsonNode bigkeys = api.get("/actuator/redis/bigkeys").as(admin).send().expect(200).json().get("state");

			assertThat(bigkeys.get("largest").size()).isLessThanOrEqualTo(20);
			assertThat(bigkeys.get("largest").get(0).get("key").asString()).isEqualTo(key);
			JsonNode collection = bigkeys.get("largeCollections").get(0);
			assertThat(collection.get("key").asString()).isEqualTo(key);
			assertThat(collection.get("type").asString()).isEqualTo("hash");
			assertThat(collection.get("elements").asLong()).isEqualTo(10_001);
			assertThat(collection.get("encoding").asString()).isEqualTo("hashtable");
		}
		finally {
			redis.delete(key);
		}
	}

	@Test
	void slowlogShowsRecentEntriesWithLongArgumentsCut() {
		String value = "v".repeat(500);
		redis.execute((RedisCallback<Void>) connection -> {
			connection.serverCommands().setConfig("slowlog-log-slower-than", "0");
			return null;
		});
		try {
			redis.opsForValue().set("sf:opstest:slow", value);
		}
		finally {
			redis.execute((RedisCallback<Void>) connection -> {
				connection.serverCommands().setConfig("slowlog-log-slower-than", "10000");
				return null;
			});
		}

		JsonNode entries = api.get("/actuator/redis/slowlog").as(admin).send().expect(200).json().get("state").get(node);

		assertThat(entries.size()).isBetween(1, 50);
		JsonNode set = null;
		for (JsonNode entry : entries) {
			if (entry.get("command").get(0).asString().equalsIgnoreCase("set")
					&& entry.get("command").get(1).asString().equals("sf:opstest:slow")) {
				set = entry;
			}
		}
		assertThat(set).as("the SET in the slow log").isNotNull();
		// Redis keeps 128 bytes of an argument; the report shows 64 and says how long the logged one was.
		assertThat(set.get("command").get(2).asString()).startsWith("v".repeat(64) + "... (").hasSizeLessThan(90);
		assertThat(set.get("durationMicros").asLong()).isNotNegative();
	}

	@Test
	void sessionIdsNeverAppearInTheReportOnlyTheirFingerprints() {
		Api.Session user = api.newUser();
		String sessionId = user.token();
		String sessionKey = "sf:session:sessions:" + sessionId;
		assertThat(redis.hasKey(sessionKey)).isTrue();
		// Every command logged: the session read by this request lands in the slow log.
		slowlogEverything(() -> api.get("/api/users/me").as(user).send().expect(200));
		// The largest session, so it is the largest key of its pattern and among the largest keys. MEMORY USAGE
		// estimates a hash from 5 sampled fields: one big field could be missed, so the padding is 50 fields.
		Map<String, String> padding = new HashMap<>();
		for (int i = 0; i < 50; i++) {
			padding.put("opstest-padding-" + i, "p".repeat(40_000));
		}
		redis.opsForHash().putAll(sessionKey, padding);
		try {
			String report = api.get("/actuator/redis").as(admin).send().expect(200).body();

			String shown = "sf:session:sessions:#" + dev.storefront.user.SecretKeys.fingerprint(sessionId);
			assertThat(report).doesNotContain(sessionId)
				.doesNotContainPattern("sf:session:(sessions:(expires:)?|index:[^\"]*)[0-9a-f]{8}-[0-9a-f]{4}-")
				.contains(shown);
			JsonNode state = api.get("/actuator/redis").as(admin).send().expect(200).json().get("state");
			assertThat(pattern(state.get("memory"), "sf:session:sessions:*").get("largestKey").asString()).isEqualTo(shown);
			assertThat(state.get("bigkeys").get("largest").findValuesAsString("key")).contains(shown);
			assertThat(state.get("slowlog").get(node).findValues("command").stream().map(JsonNode::toString))
				.anySatisfy(command -> assertThat(command).contains(shown));
		}
		finally {
			redis.opsForHash().delete(sessionKey, padding.keySet().toArray());
		}
	}

	@Test
	void latencyAnswersPerNode() {
		JsonNode latency = api.get("/actuator/redis/latency").as(admin).send().expect(200).json().get("state");

		assertThat(latency.get(node).isArray()).isTrue();
	}

	@Test
	void anUnknownPartIsA404NamingTheParts() {
		Api.Response response = api.get("/actuator/redis/keys").as(admin).send().expect(404);

		assertThat(response.json().get("detail").asString()).contains("keys").contains("memory");
	}

	@Test
	void prometheusPublishesTheRedisGaugesTaggedStateAndNode() {
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			String scrape = api.get("/actuator/prometheus").as(admin).send().expect(200).body();
			assertThat(scrape).contains("storefront_redis_memory_used_bytes{")
				.containsPattern("storefront_redis_ops\\{[^}]*node=\"" + node.replace(".", "\\.") + "\"[^}]*redis=\"state\"")
				.contains("storefront_redis_keyspace_hit_ratio{")
				.contains("storefront_redis_evicted_keys_total{")
				.contains("storefront_redis_replication_lag_bytes{");
		});
	}

	private void slowlogEverything(Runnable commands) {
		redis.execute((RedisCallback<Void>) connection -> {
			connection.serverCommands().setConfig("slowlog-log-slower-than", "0");
			return null;
		});
		try {
			commands.run();
		}
		finally {
			redis.execute((RedisCallback<Void>) connection -> {
				connection.serverCommands().setConfig("slowlog-log-slower-than", "10000");
				return null;
			});
		}
	}

	private static JsonNode pattern(JsonNode memory, String pattern) {
		for (JsonNode usage : memory.get("patterns")) {
			if (usage.get("pattern").asString().equals(pattern)) {
				return usage;
			}
		}
		throw new AssertionError("No pattern " + pattern + " in " + memory);
	}

	private String redisVersion() {
		return redis.execute((RedisCallback<String>) c -> c.serverCommands().info("server").getProperty("redis_version"));
	}

}
