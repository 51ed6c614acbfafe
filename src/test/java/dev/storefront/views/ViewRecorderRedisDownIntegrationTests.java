package dev.storefront.views;

import java.time.Duration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.storefront.support.EmbeddedRedis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Views are best effort: with Redis gone they are dropped and counted, and recording never throws
 * into the request that was viewed.
 */
class ViewRecorderRedisDownIntegrationTests {

	@Test
	void aRedisOutageDropsViewsAndCountsThem() {
		try (EmbeddedRedis own = EmbeddedRedis.start()) {
			LettuceConnectionFactory factory = own.connectionFactory(Duration.ofMillis(500));
			try {
				SimpleMeterRegistry meters = new SimpleMeterRegistry();
				StringRedisTemplate redis = new StringRedisTemplate(factory);
				ViewRecorder recorder = new ViewRecorder(redis, 100, meters);
				recorder.record(7);
				recorder.drain();
				assertThat(redis.opsForValue().get(ViewKeys.pending(7))).isEqualTo("1");

				own.stop();
				recorder.record(7);
				recorder.record(8);
				recorder.drain();

				assertThat(meters.counter("storefront.views.dropped", "reason", "redis-error").count()).isEqualTo(2);
			}
			finally {
				factory.destroy();
			}
		}
	}

}
