package dev.storefront.jobs;

import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * A {@link Queues} wired by hand on a given Redis, for tests that must stop their Redis (the shared
 * context's Redis stays up).
 */
public final class TestQueues {

	private TestQueues() {
	}

	public static Queues on(StringRedisTemplate redis) {
		JobsProperties properties = new JobsProperties(true, Duration.ofSeconds(1), Duration.ofSeconds(5),
				Duration.ofSeconds(10), Map.of());
		return new Queues(new JobStore(redis), properties, new JobMetrics(new SimpleMeterRegistry()),
				JsonMapper.builder().build(), new Wakeups());
	}

}
