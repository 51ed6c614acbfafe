package dev.storefront.user;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import dev.storefront.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Spring Session hears about every expiring key in the database (keyspace notifications): without its
 * own executor that was a new thread per message. 10,000 expiring keys now go through two threads.
 */
@IntegrationTest
class SessionEventThreadsIntegrationTests {

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	@Qualifier("springSessionRedisTaskExecutor")
	ThreadPoolTaskExecutor executor;

	@Autowired
	MeterRegistry meters;

	@Test
	void tenThousandExpiringKeysDoNotRaiseTheThreadCount() {
		long handledBefore = handled();

		// One script writes them all: 10,000 pipelined SETs time out on the loaded test machine.
		redis.execute(RedisScript.of("for i = 1, 10000 do redis.call('SET', ARGV[1] .. i, '1', 'PX', 50) end return 1",
				Long.class), List.of(), "sf:test:expiring:" + System.nanoTime() + ":");

		// Every expiry reached the listener's executor (handled, or dropped and counted)...
		await().atMost(Duration.ofSeconds(60)).until(() -> handled() - handledBefore >= 10_000);
		// ...and it never ran on more than its two threads (counted on that pool, not JVM-wide: other
		// contexts in the same fork start threads of their own meanwhile).
		assertThat(executor.getThreadPoolExecutor().getLargestPoolSize()).isLessThanOrEqualTo(2);
	}

	private long handled() {
		return executor.getThreadPoolExecutor().getCompletedTaskCount()
				+ (long) meters.counter("storefront.session.events.dropped").count();
	}

}
