package dev.storefront.topology;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.api.RAtomicLong;
import org.redisson.api.RBucket;
import org.redisson.api.RedissonClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.storefront.support.Api;
import dev.storefront.support.Api.Session;
import dev.storefront.support.IntegrationTest;
import dev.storefront.support.ProductFixtures;
import dev.storefront.support.RedisCluster;
import dev.storefront.support.RedisProcess;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Reads from masters on the Cluster (decision 0091): with every replica's replication held back
 * ({@code CLIENT PAUSE WRITE} on the replica stops it applying the master's stream while it still answers reads),
 * a write followed by a read on the paths that must be fresh sees the write: a plain GET on the state connection
 * (every state module's), the cart over HTTP (its read is a script, so a master anyway), a new login session
 * (Spring Session), and Redisson's buckets and counters (what locks, streams and queues read through). With
 * {@code ReadFrom.REPLICA} or Redisson's {@code ReadMode.SLAVE} this test fails.
 */
@IntegrationTest
class ClusterReplicaReadsIntegrationTests {

	private static final Duration PAUSE = Duration.ofSeconds(8);

	@Autowired
	Api api;

	@Autowired
	RedissonClient redisson;

	@Autowired
	StringRedisTemplate redis;

	@BeforeAll
	static void onTheCluster() {
		assumeTrue("cluster".equals(System.getProperty("storefront.test.redis")),
				"the application runs on the Cluster only in the Cluster execution of the topologies profile");
	}

	@Test
	void aWriteIsReadBackWhileEveryReplicaLags() {
		ProductFixtures catalog = new ProductFixtures(api);
		long product = catalog.product("1.00", 100);
		Session shopper = api.newUser();
		List<Integer> replicas = replicas();
		assertThat(replicas).as("replicas of the Cluster").hasSize(3);
		String probe = "sf:test:replica-lag:" + UUID.randomUUID();
		redis.opsForValue().set(probe, "old");
		awaitReplicated(replicas, probe);

		replicas.forEach(port -> RedisProcess.cli("-p", String.valueOf(port), "client", "pause",
				String.valueOf(PAUSE.toMillis()), "write"));
		try {
			redis.opsForValue().set(probe, "new");
			assertThat(readOnReplica(replicas, probe)).as("a replica's copy while paused (the setup lags)")
				.isEqualTo("old");
			// Softly: a failing path does not hide the others (and a misconfigured client fails each of its own).
			SoftAssertions softly = new SoftAssertions();
			String state = "sf:test:{replica-reads}:" + UUID.randomUUID();
			for (int i = 1; i <= 3; i++) {
				redis.opsForValue().set(state, "v" + i);
				softly.assertThat(redis.opsForValue().get(state)).as("state connection GET after SET").isEqualTo("v" + i);
			}
			for (int quantity = 1; quantity <= 3; quantity++) {
				int expected = quantity;
				softly.check(() -> {
					api.put("/api/cart/items/" + product, Map.of("quantity", expected)).as(shopper).send().expect(200);
					JsonNode cart = api.get("/api/cart").as(shopper).send().expect(200).json();
					assertThat(cart.get("lines").get(0).get("quantity").asInt()).as("cart read after write")
						.isEqualTo(expected);
				});
			}
			RBucket<String> bucket = redisson.getBucket("sf:test:{replica-reads}:" + UUID.randomUUID());
			RAtomicLong counter = redisson.getAtomicLong("sf:test:{replica-reads}:" + UUID.randomUUID());
			for (int i = 1; i <= 3; i++) {
				bucket.set("v" + i);
				softly.assertThat(bucket.get()).as("Redisson bucket read after write").isEqualTo("v" + i);
				counter.incrementAndGet();
				softly.assertThat(counter.get()).as("Redisson counter read after write").isEqualTo(i);
			}
			softly.check(() -> {
				Session fresh = api.login(shopper.email(), "password123");
				assertThat(api.get("/api/cart").as(fresh).send().status()).as("a new session used at once")
					.isEqualTo(200);
			});
			softly.assertThat(readOnReplica(replicas, probe))
				.as("still lagging at the end: every read above ran during it").isEqualTo("old");
			softly.assertAll();
			redis.delete(state);
		}
		finally {
			replicas.forEach(port -> RedisProcess.cli("-p", String.valueOf(port), "client", "unpause"));
			redis.delete(probe);
		}
	}

	private static List<Integer> replicas() {
		return RedisCluster.shared().ports().stream()
			.filter(port -> RedisProcess.cli("-p", String.valueOf(port), "role").startsWith("slave"))
			.toList();
	}

	private static void awaitReplicated(List<Integer> replicas, String key) {
		await().atMost(Duration.ofSeconds(10)).until(() -> "old".equals(readOnReplica(replicas, key)));
	}

	/** The key's value on the replica that serves its slot ({@code READONLY}); the others answer MOVED. */
	private static String readOnReplica(List<Integer> replicas, String key) {
		for (int port : replicas) {
			RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", port));
			try (StatefulRedisConnection<String, String> connection = client.connect()) {
				connection.sync().readOnly();
				return connection.sync().get(key);
			}
			catch (RedisCommandExecutionException moved) {
				// Not this replica's slot.
			}
			finally {
				client.shutdown();
			}
		}
		throw new AssertionError("no replica serves the slot of " + key);
	}

}
