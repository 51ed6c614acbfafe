package dev.storefront.analytics;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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
 * The analytics recorder against a Redis of its own: one pipelined batch writes visitors, recently viewed
 * and active users with their TTLs; a Redis that forgot its scripts gets them again; an outage or a full
 * queue drops records and counts them, and an active-user mark that was lost is retried.
 */
class AnalyticsRecorderIntegrationTests {

	private final EmbeddedRedis own = EmbeddedRedis.start();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private LettuceConnectionFactory factory;

	private StringRedisTemplate redis;

	@BeforeEach
	void connect() {
		factory = own.connectionFactory(Duration.ofSeconds(2));
		redis = new StringRedisTemplate(factory);
	}

	@AfterEach
	void close() {
		factory.destroy();
		own.close();
	}

	@Test
	void writesABatchOfVisitsViewsAndActiveUsersInOnePipelineAndReloadsForgottenScripts() {
		AnalyticsRecorder recorder = new AnalyticsRecorder(redis, properties(100), meters);
		redis.execute((RedisCallback<Void>) c -> {
			c.scriptingCommands().scriptFlush();
			return null;
		});
		Set<Long> marked = ConcurrentHashMap.newKeySet();
		marked.add(7L);
		recorder.visit(42, "u:7");
		recorder.visit(42, "ip:10.0.0.1");
		recorder.visit(42, "u:7");
		recorder.recentlyViewed(7, 42);
		recorder.recentlyViewed(7, 43);
		recorder.active(7, marked);
		recorder.drain();

		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		String visitors = "sf:an:uv:{p:42}:" + today;
		assertThat(redis.opsForHyperLogLog().size(visitors)).isEqualTo(2);
		assertThat(redis.getExpire(visitors)).isGreaterThan(Duration.ofDays(34).toSeconds());
		assertThat(redis.opsForList().range("sf:an:rv:7", 0, -1)).containsExactly("43", "42");
		assertThat(redis.opsForValue().getBit("sf:an:dau:{dau}:" + today, 7)).isTrue();
		assertThat(marked).containsExactly(7L);
		assertThat(dropped("redis-error") + dropped("queue-full")).isZero();
	}

	@Test
	void anOutageDropsRecordsCountsThemAndForgetsTheActiveMarkSoItIsRetried() {
		AnalyticsRecorder recorder = new AnalyticsRecorder(redis, properties(100), meters);
		Set<Long> marked = ConcurrentHashMap.newKeySet();
		marked.add(9L);
		own.stop();
		recorder.visit(1, "u:9");
		recorder.active(9, marked);
		recorder.drain();

		assertThat(dropped("redis-error")).isEqualTo(2);
		assertThat(marked).isEmpty();
	}

	@Test
	void aFullQueueDropsWithoutBlockingAndCountsIt() {
		AnalyticsRecorder recorder = new AnalyticsRecorder(redis, properties(2), meters);
		Set<Long> marked = ConcurrentHashMap.newKeySet();
		marked.add(3L);
		recorder.visit(1, "a");
		recorder.visit(1, "b");
		recorder.active(3, marked);

		assertThat(dropped("queue-full")).isEqualTo(1);
		assertThat(marked).isEmpty();
		recorder.drain();
		assertThat(redis.opsForHyperLogLog().size("sf:an:uv:{p:1}:" + LocalDate.now(ZoneOffset.UTC))).isEqualTo(2);
	}

	private double dropped(String reason) {
		return meters.counter("storefront.analytics.dropped", "reason", reason).count();
	}

	private static AnalyticsProperties properties(int queueCapacity) {
		return new AnalyticsProperties(Duration.ofDays(56), Duration.ofDays(35), Duration.ofDays(35),
				Duration.ofSeconds(10), 50, Duration.ofDays(30), queueCapacity, 500);
	}

}
