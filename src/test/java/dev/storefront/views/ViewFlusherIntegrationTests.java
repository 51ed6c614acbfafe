package dev.storefront.views;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.storefront.support.EmbeddedRedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The flusher strands nothing: when the database fails in the middle of a batch, the ids not yet done go
 * back into the dirty set, and a counter that no dirty set names is found by the recovery scan. Every
 * view reaches the database exactly once the database answers again.
 */
class ViewFlusherIntegrationTests {

	private final EmbeddedRedis own = EmbeddedRedis.start();

	private final Map<Long, Long> database = new ConcurrentHashMap<>();

	private final AtomicInteger failAfter = new AtomicInteger(Integer.MAX_VALUE);

	private LettuceConnectionFactory factory;

	private StringRedisTemplate redis;

	private ViewRecorder recorder;

	private ViewFlusher flusher;

	@BeforeEach
	void setUp() {
		factory = own.connectionFactory(Duration.ofSeconds(2));
		redis = new StringRedisTemplate(factory);
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		recorder = new ViewRecorder(redis, 10_000, meters);
		ViewSink failing = (product, views) -> {
			if (failAfter.getAndDecrement() <= 0) {
				throw new DataAccessResourceFailureException("database went away");
			}
			database.merge(product, views, Long::sum);
		};
		FlushLock always = () -> Optional.<FlushLock.Lease>of(() -> {
		});
		flusher = new ViewFlusher(redis, failing, always, recorder,
				new ViewProperties(true, Duration.ofSeconds(5), 10_000, Duration.ofHours(1)), meters);
	}

	@AfterEach
	void tearDown() {
		factory.destroy();
		own.close();
	}

	@Test
	void aDatabaseFailureMidBatchPutsTheRestBackAndEveryViewArrives() {
		for (long product = 1; product <= 20; product++) {
			for (int view = 0; view < product; view++) {
				recorder.record(product);
			}
		}
		recorder.drain();
		flusher.flush(); // the first flush of an instance also runs the recovery scan; nothing to recover
		assertThat(database.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(210);
		database.clear();

		for (long product = 1; product <= 20; product++) {
			recorder.record(product);
		}
		recorder.drain();
		failAfter.set(5);
		assertThatThrownBy(flusher::flush).isInstanceOf(DataAccessResourceFailureException.class);
		assertThat(database).hasSize(5);
		assertThat(redis.opsForSet().size(ViewKeys.DIRTY)).isEqualTo(15);

		failAfter.set(Integer.MAX_VALUE);
		flusher.flush();
		assertThat(database).hasSize(20).allSatisfy((product, views) -> assertThat(views).isEqualTo(1));
		assertThat(redis.keys("sf:views:{*")).isEmpty();
	}

	@Test
	void theRecoveryScanFindsCountersThatNoDirtySetNames() {
		redis.opsForValue().increment(ViewKeys.pending(7), 3);
		redis.opsForValue().increment(ViewKeys.flushing(8), 2);

		assertThat(flusher.recoverLeftovers()).isEqualTo(5);
		assertThat(database).containsEntry(7L, 3L).containsEntry(8L, 2L);
		assertThat(redis.hasKey(ViewKeys.pending(7))).isFalse();
		assertThat(redis.hasKey(ViewKeys.flushing(8))).isFalse();
	}

}
