package dev.storefront.jobs;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;

import dev.storefront.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two workers on one queue, as two instances would run them (each with its own id, lease token and
 * threads, sharing only Redis): the limiter holds across both, and a job whose worker dies mid-way
 * runs again on the other, with its effect once.
 */
@IntegrationTest
class WorkerInstancesIntegrationTests extends QueueTestSupport {

	@Test
	void limiterHoldsAcrossTwoInstances() {
		List<Long> starts = new CopyOnWriteArrayList<>();
		List<String> ranOn = new CopyOnWriteArrayList<>();
		// Each instance runs at most 3 at once, and jobs take a moment: neither can use a whole window alone.
		JobsProperties.WorkerSettings limited = settings(3)
			.withLimiter(new JobsProperties.Limiter(5, Duration.ofSeconds(1)));
		Worker one = start(handler(job -> {
			starts.add(System.nanoTime());
			LockSupport.parkNanos(Duration.ofMillis(150).toNanos());
			return ranOn.add("one");
		}), limited);
		Worker two = start(handler(job -> {
			starts.add(System.nanoTime());
			LockSupport.parkNanos(Duration.ofMillis(150).toNanos());
			return ranOn.add("two");
		}), limited);
		assertThat(one.id()).isNotEqualTo(two.id());

		queues.addBulkIds(queue, Collections.nCopies(15, new Queues.NewJob("limited", "{}", null)));

		await().atMost(Duration.ofSeconds(10)).until(() -> queues.counts(queue).get(JobState.COMPLETED) == 15);
		List<Long> sorted = starts.stream().sorted().toList();
		// 5 per fixed window: any 6 consecutive starts cross a window boundary, and any 11 span a whole window.
		for (int i = 0; i + 10 < sorted.size(); i++) {
			assertThat(Duration.ofNanos(sorted.get(i + 10) - sorted.get(i)).toMillis()).isGreaterThanOrEqualTo(950);
		}
		assertThat(Duration.ofNanos(sorted.get(14) - sorted.get(0)).toMillis()).isGreaterThanOrEqualTo(1900);
		assertThat(ranOn).contains("one", "two");
	}

	@Test
	void jobOfADeadWorkerRunsOnAnotherInstanceOnceItsLeaseLapses() throws Exception {
		CountDownLatch startedOnFirst = new CountDownLatch(1);
		AtomicInteger effects = new AtomicInteger();
		List<String> completedBy = new CopyOnWriteArrayList<>();
		JobsProperties.WorkerSettings shortLease = settings(1).withLease(Duration.ofSeconds(1));
		Worker first = start(handler(job -> {
			startedOnFirst.countDown();
			// Blocks until the worker is killed (interrupted): the effect below is never reached here. The
			// bound only keeps a broken stop from hanging the build.
			if (!new CountDownLatch(1).await(2, TimeUnit.MINUTES)) {
				throw new AssertionError("the first worker was never stopped");
			}
			effects.incrementAndGet();
			return completedBy.add("first");
		}), shortLease);
		Job added = queues.add(queue, "charge", "{}", JobOptions.defaults());
		assertThat(startedOnFirst.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(redis.opsForZSet().score(JobKeys.set(queue, "active"), added.id())).isNotNull();

		first.stop(Duration.ZERO);
		assertThat(job(added.id()).state()).isEqualTo(JobState.ACTIVE);
		start(handler(job -> {
			effects.incrementAndGet();
			return completedBy.add("second");
		}), shortLease);

		await().atMost(Duration.ofSeconds(10)).until(() -> job(added.id()).state() == JobState.COMPLETED);
		assertThat(effects).hasValue(1);
		assertThat(completedBy).containsExactly("second");
		assertThat(redis.<String, String>opsForHash().get(JobKeys.job(queue, added.id()), "stalledCount")).isEqualTo("1");
	}

	@Test
	void jobThatStallsMoreThanMaxStalledCountFails() throws Exception {
		JobsProperties.WorkerSettings shortLease = settings(1).withLease(Duration.ofMillis(600));
		Job added = queues.add(queue, "poison", "{}", JobOptions.defaults());
		for (int crash = 0; crash < 2; crash++) {
			CountDownLatch started = new CountDownLatch(1);
			Worker dying = start(handler(job -> {
				started.countDown();
				return new CountDownLatch(1).await(1, TimeUnit.MINUTES);
			}), shortLease);
			assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
			dying.stop(Duration.ZERO);
		}
		start(handler(job -> "never"), shortLease.withConcurrency(1));

		await().atMost(Duration.ofSeconds(10)).until(() -> job(added.id()).state() == JobState.FAILED);
		assertThat(job(added.id()).failedReason()).isEqualTo("stalled");
	}

}
