package dev.storefront.ops;

import java.time.Duration;
import java.util.List;
import java.util.Properties;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.storefront.support.EmbeddedRedis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gauges against a Redis of their own (so INFO calls can be counted and the server stopped): they
 * read the poller's cached INFO, never Redis, and show NaN while the node does not answer.
 */
class InfoPollerIntegrationTests {

	private EmbeddedRedis redis;

	private LettuceConnectionFactory factory;

	private SimpleMeterRegistry registry;

	private InfoPoller poller;

	private String node;

	@BeforeEach
	void setUp() {
		redis = EmbeddedRedis.start();
		factory = redis.connectionFactory(Duration.ofSeconds(2));
		registry = new SimpleMeterRegistry();
		poller = new InfoPoller(List.of(new RedisTarget("state", factory)), new RedisNodes(Duration.ofSeconds(2)),
				registry, Duration.ofHours(1));
		node = "127.0.0.1:" + redis.port();
	}

	@AfterEach
	void tearDown() {
		poller.stop();
		factory.destroy();
		redis.close();
	}

	@Test
	void gaugesAreTaggedByRedisAndNodeAndReadTheCachedInfo() {
		new StringRedisTemplate(factory).opsForValue().set("sf:probe", "x");
		poller.poll();
		long before = infoCalls();

		for (int scrape = 0; scrape < 50; scrape++) {
			assertThat(gauge("storefront.redis.memory.used").value()).isPositive();
			assertThat(gauge("storefront.redis.clients.connected").value()).isGreaterThanOrEqualTo(1);
			assertThat(gauge("storefront.redis.replication.lag.bytes").value()).isZero();
		}

		// The only INFO in between is the one that read the first count.
		assertThat(infoCalls() - before).isEqualTo(1);
		assertThat(gauge("storefront.redis.memory.fragmentation").value()).isPositive();
		assertThat(gauge("storefront.redis.ops").value()).isNotNaN();
		assertThat(gauge("storefront.redis.clients.blocked").value()).isZero();
		assertThat(registry.get("storefront.redis.evicted.keys").tag("node", node).functionCounter().count()).isZero();
		assertThat(registry.get("storefront.redis.expired.keys").tag("node", node).functionCounter().count()).isZero();
	}

	@Test
	void hitRatioFollowsKeyspaceHitsAndMisses() {
		StringRedisTemplate template = new StringRedisTemplate(factory);
		template.opsForValue().set("sf:probe", "x");
		template.opsForValue().get("sf:probe");
		template.opsForValue().get("sf:probe");
		template.opsForValue().get("sf:probe");
		template.opsForValue().get("sf:absent");

		poller.poll();

		assertThat(gauge("storefront.redis.keyspace.hit.ratio").value()).isEqualTo(0.75);
	}

	@Test
	void gaugesShowNaNWhileRedisIsDownAndRecoverAfterwards() {
		poller.poll();
		assertThat(gauge("storefront.redis.memory.used").value()).isPositive();

		redis.stop();
		poller.poll();
		assertThat(gauge("storefront.redis.memory.used").value()).isNaN();

		redis.restart();
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			poller.poll();
			assertThat(gauge("storefront.redis.memory.used").value()).isPositive();
		});
	}

	@Test
	void pollsOnItsOwnOnceStarted() {
		InfoPoller frequent = new InfoPoller(List.of(new RedisTarget("state", factory)),
				new RedisNodes(Duration.ofSeconds(2)), registry, Duration.ofMillis(100));
		frequent.start();
		try {
			org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
				.until(() -> registry.find("storefront.redis.ops").tag("node", node).gauge() != null);
			assertThat(frequent.isRunning()).isTrue();
		}
		finally {
			frequent.stop();
		}
		assertThat(frequent.isRunning()).isFalse();
	}

	private Gauge gauge(String name) {
		return registry.get(name).tag("redis", "state").tag("node", node).gauge();
	}

	private long infoCalls() {
		Properties stats = new StringRedisTemplate(factory)
			.execute((RedisCallback<Properties>) connection -> connection.serverCommands().info("commandstats"));
		String info = stats.getProperty("cmdstat_info");
		return Long.parseLong(info.substring(info.indexOf("calls=") + 6, info.indexOf(',')));
	}

}
