package dev.storefront.support;

import java.time.Duration;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fallback for machines without {@code redis-server} on PATH: the binary bundled with
 * embedded-redis starts, answers, and keeps its files under {@code target/}.
 */
class EmbeddedRedisIntegrationTests {

	@Test
	void theBundledBinaryRunsWhenNoRedisIsInstalled() {
		try (EmbeddedRedis redis = EmbeddedRedis.start(true)) {
			LettuceConnectionFactory factory = redis.connectionFactory(Duration.ofSeconds(2));
			try {
				StringRedisTemplate template = new StringRedisTemplate(factory);
				template.opsForValue().set("probe", "ok");
				assertThat(template.opsForValue().get("probe")).isEqualTo("ok");
				Properties dir = template.execute((RedisCallback<Properties>) c -> c.serverCommands().getConfig("dir"));
				assertThat(dir.getProperty("dir")).contains("target");
			}
			finally {
				factory.destroy();
			}
		}
	}

}
