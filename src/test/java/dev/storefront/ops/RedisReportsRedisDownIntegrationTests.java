package dev.storefront.ops;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import dev.storefront.support.EmbeddedRedis;

import static org.assertj.core.api.Assertions.assertThat;

/** With Redis down, every part answers with the error in place of the node, instead of failing. */
class RedisReportsRedisDownIntegrationTests {

	@Test
	void everyPartReportsTheErrorWhileRedisIsDown() {
		try (EmbeddedRedis redis = EmbeddedRedis.start()) {
			LettuceConnectionFactory factory = redis.connectionFactory(Duration.ofSeconds(1));
			try {
				RedisReports reports = new RedisReports(List.of(new RedisTarget("state", factory)),
						new RedisNodes(Duration.ofSeconds(1)), new KeySampler(100, 50), new BigKeys(20, 10_000),
						new Diagnostics(50, 64));
				redis.stop();

				for (RedisReports.Part part : List.of(RedisReports.Part.INFO, RedisReports.Part.SLOWLOG,
						RedisReports.Part.LATENCY)) {
					assertThat(reports.part(part).get("state")).as(part.id())
						.isInstanceOfSatisfying(Map.class, nodes -> assertThat(nodes.values())
							.allSatisfy(node -> assertThat(node.toString()).contains("error")));
				}
				MemoryReport memory = (MemoryReport) reports.part(RedisReports.Part.MEMORY).get("state");
				assertThat(memory.failedNodes()).isNotEmpty();
				assertThat(memory.patterns()).isEmpty();
				BigKeys.Report bigkeys = (BigKeys.Report) reports.part(RedisReports.Part.BIGKEYS).get("state");
				assertThat(bigkeys.failedNodes()).isNotEmpty();
				assertThat(reports.all().get("state")).containsKeys("info", "memory", "bigkeys", "slowlog", "latency");
			}
			finally {
				factory.destroy();
			}
		}
	}

}
