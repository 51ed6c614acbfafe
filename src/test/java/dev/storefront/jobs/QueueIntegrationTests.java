package dev.storefront.jobs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.storefront.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The queue's ordering and retry semantics against real Redis: each test has its own queue and
 * workers.
 */
@IntegrationTest
class QueueIntegrationTests extends QueueTestSupport {

	@Autowired
	JobLeases leases;

	@Test
	void aPausedQueuePromotesDueDelayedJobsIntoLineAndLeasesThemOnceResumed() {
		queues.pause(queue);
		Job added = queues.add(queue, "due", "{}", JobOptions.defaults().withDelay(Duration.ofMillis(50)));
		Job prioritized = queues.add(queue, "due-p2", "{}",
				JobOptions.defaults().withDelay(Duration.ofMillis(50)).withPriority(2));

		// While paused, each fetch answers -1 ("paused") and promotes the jobs that are due by Redis's clock.
		await().atMost(Duration.ofSeconds(5)).until(() -> {
			assertThat(leases.moveToActive(queue, "w1", 30_000, 5, JobsProperties.Limiter.NONE).status()).isEqualTo(-1);
			return redis.opsForZSet().size(JobKeys.set(queue, "delayed")) == 0;
		});
		assertThat(redis.opsForList().range(JobKeys.set(queue, "wait"), 0, -1)).containsExactly(added.id());
		assertThat(redis.opsForZSet().range(JobKeys.set(queue, "prioritized"), 0, -1))
			.containsExactly(prioritized.id());
		assertThat(redis.opsForHash().get(JobKeys.job(queue, added.id()), "state")).isEqualTo("waiting");
		assertThat(redis.opsForHash().get(JobKeys.job(queue, prioritized.id()), "state")).isEqualTo("prioritized");

		queues.resume(queue);
		JobLeases.Fetch fetch = leases.moveToActive(queue, "w1", 30_000, 5, JobsProperties.Limiter.NONE);
		assertThat(fetch.status()).isEqualTo(2);
		assertThat(redis.opsForList().size(JobKeys.set(queue, "wait"))).isZero();
		assertThat(redis.opsForZSet().size(JobKeys.set(queue, "prioritized"))).isZero();
		assertThat(redis.opsForZSet().range(JobKeys.set(queue, "active"), 0, -1))
			.containsExactlyInAnyOrder(added.id(), prioritized.id());
		assertThat(redis.opsForHash().get(JobKeys.job(queue, added.id()), "token")).isEqualTo("w1:1");
		assertThat(redis.opsForHash().get(JobKeys.job(queue, prioritized.id()), "state")).isEqualTo("active");
	}

	@Test
	void runsUnprioritizedJobsFirstThenLowerPriorityNumbersFirst() {
		List<String> order = new CopyOnWriteArrayList<>();
		queues.add(queue, "p3", "{}", JobOptions.defaults().withPriority(3));
		queues.add(queue, "p1", "{}", JobOptions.defaults().withPriority(1));
		queues.add(queue, "none", "{}", JobOptions.defaults());
		queues.add(queue, "p2", "{}", JobOptions.defaults().withPriority(2));
		queues.add(queue, "p1-later", "{}", JobOptions.defaults().withPriority(1));
		assertThat(redis.opsForZSet().size(JobKeys.set(queue, "prioritized"))).isEqualTo(4);

		start(handler(job -> order.add(job.name())), settings(1));

		await().atMost(Duration.ofSeconds(10)).until(() -> order.size() == 5);
		assertThat(order).containsExactly("none", "p1", "p1-later", "p2", "p3");
	}

	@Test
	void startsADelayedJobOnlyOnceItsDelayHasPassed() {
		start(handler(job -> "ran"), settings(1));

		Job added = queues.add(queue, "later", "{}", JobOptions.defaults().withDelay(Duration.ofMillis(700)));
		assertThat(added.state()).isEqualTo(JobState.DELAYED);
		assertThat(redis.opsForZSet().score(JobKeys.set(queue, "delayed"), added.id())).isNotNull();

		await().atMost(Duration.ofSeconds(5)).until(() -> job(added.id()).state() == JobState.COMPLETED);
		Job done = job(added.id());
		long waited = Duration.between(done.createdAt(), done.processedAt()).toMillis();
		// Never early; how late is a figure of bench/jobs.sh (JobsBenchmark), not a window for a loaded machine.
		assertThat(waited).isGreaterThanOrEqualTo(700L);
	}

	@Test
	void retriesWithExponentialBackoffThenFailsWhenAttemptsAreSpent() {
		List<Long> starts = new CopyOnWriteArrayList<>();
		start(handler(job -> {
			starts.add(System.nanoTime());
			throw new IllegalStateException("boom " + job.attemptsMade());
		}), settings(1));

		Job added = queues.add(queue, "flaky", "{}",
				JobOptions.defaults().withAttempts(4).withBackoff(Backoff.exponential(Duration.ofMillis(200))));

		await().atMost(Duration.ofSeconds(10)).until(() -> job(added.id()).state() == JobState.FAILED);
		Job failed = job(added.id());
		assertThat(failed.attemptsMade()).isEqualTo(4);
		assertThat(failed.failedReason()).isEqualTo("IllegalStateException: boom 3");
		assertThat(starts).hasSize(4);
		List<Long> gaps = new ArrayList<>();
		for (int i = 1; i < starts.size(); i++) {
			gaps.add(Duration.ofNanos(starts.get(i) - starts.get(i - 1)).toMillis());
		}
		// Each retry waits at least its exponential delay (200, 400, 800 ms); the shape's accuracy is measured
		// by bench/jobs.sh (JobsBenchmark), not asserted in a window here.
		assertThat(gaps.get(0)).isGreaterThanOrEqualTo(200L);
		assertThat(gaps.get(1)).isGreaterThanOrEqualTo(400L);
		assertThat(gaps.get(2)).isGreaterThanOrEqualTo(800L);
		assertThat(redis.opsForZSet().score(JobKeys.set(queue, "failed"), added.id())).isNotNull();
		assertThat(redis.getExpire(JobKeys.job(queue, added.id()))).isPositive();
	}

	@Test
	void retryFailedRunsFailedJobsAgainWithFreshAttempts() {
		AtomicBoolean healthy = new AtomicBoolean(false);
		start(handler(job -> {
			if (!healthy.get()) {
				throw new IllegalStateException("down");
			}
			return "ok";
		}), settings(2));
		Job a = queues.add(queue, "a", "{}", JobOptions.defaults());
		Job b = queues.add(queue, "b", "{}", JobOptions.defaults());
		await().atMost(Duration.ofSeconds(5)).until(() -> queues.counts(queue).get(JobState.FAILED) == 2);
		assertThat(redis.getExpire(JobKeys.job(queue, a.id()))).isPositive();

		healthy.set(true);
		assertThat(queues.retryFailed(queue)).isEqualTo(2);

		await().atMost(Duration.ofSeconds(5))
			.until(() -> job(a.id()).state() == JobState.COMPLETED && job(b.id()).state() == JobState.COMPLETED);
		assertThat(job(a.id()).result()).isEqualTo("\"ok\"");
		assertThat(job(a.id()).attemptsMade()).isEqualTo(1);
		assertThat(queues.counts(queue).get(JobState.FAILED)).isZero();
	}

	@Test
	void addingAnExistingJobIdReturnsTheExistingJobAndRunsItOnce() {
		AtomicInteger runs = new AtomicInteger();
		Job first = queues.add(queue, "mail", "{\"n\":1}", JobOptions.id("order-confirmed:42"));
		Job second = queues.add(queue, "mail", "{\"n\":2}", JobOptions.id("order-confirmed:42"));

		assertThat(second.id()).isEqualTo("order-confirmed:42").isEqualTo(first.id());
		assertThat(second.data()).isEqualTo("{\"n\":1}");
		assertThat(redis.opsForList().size(JobKeys.set(queue, "wait"))).isEqualTo(1);

		start(handler(job -> job.name().equals("mail") ? runs.incrementAndGet() : 0), settings(1));
		await().atMost(Duration.ofSeconds(5)).until(() -> job(first.id()).state() == JobState.COMPLETED);
		queues.add(queue, "mail", "{\"n\":3}", JobOptions.id("order-confirmed:42"));
		// A marker added after it: one worker slot runs jobs in order, so once the marker is done, a second
		// run of the duplicate would have happened.
		Job marker = queues.add(queue, "marker", "{}", JobOptions.defaults());
		await().atMost(Duration.ofSeconds(5)).until(() -> job(marker.id()).state() == JobState.COMPLETED);
		assertThat(runs.get()).isEqualTo(1);
		assertThat(job(first.id()).data()).isEqualTo("{\"n\":1}");
	}

	@Test
	void refusesCustomJobIdsThatArePlainNumbersWithA400ProblemAndWritesNothing() {
		for (String id : List.of("1", "42", "007", "-3", "+5")) {
			assertThatThrownBy(() -> queues.add(queue, "mail", "{}", JobOptions.id(id))).as(id)
				.isInstanceOfSatisfying(NumericJobId.class, ex -> {
					assertThat(ex.getStatusCode().value()).isEqualTo(400);
					assertThat(ex.getBody().getType().toString()).endsWith("/numeric-job-id");
				});
			assertThat(redis.hasKey(JobKeys.job(queue, id))).as(id).isFalse();
		}
		// One numeric id refuses the whole bulk, before anything is written.
		assertThatThrownBy(() -> queues.addBulkIds(queue, List.of(new Queues.NewJob("a", "{}", JobOptions.id("mail:1")),
				new Queues.NewJob("b", "{}", JobOptions.id("2"))))).isInstanceOf(NumericJobId.class);
		assertThat(redis.hasKey(JobKeys.job(queue, "mail:1"))).isFalse();

		// A generated id is a number; a custom id with a prefix never collides with it.
		Job generated = queues.add(queue, "mail", "{\"n\":1}", JobOptions.defaults());
		Job custom = queues.add(queue, "mail", "{\"n\":2}", JobOptions.id("mail:" + generated.id()));
		assertThat(generated.id()).matches("[0-9]+");
		assertThat(custom.id()).isEqualTo("mail:" + generated.id());
		assertThat(redis.opsForList().size(JobKeys.set(queue, "wait"))).isEqualTo(2);
	}

	@Test
	void neverRunsMoreJobsAtOnceThanTheConcurrency() {
		AtomicInteger current = new AtomicInteger();
		AtomicInteger highest = new AtomicInteger();
		// The first four hold their slots until all four run: the peak of 4 is forced, not hoped for.
		java.util.concurrent.CountDownLatch fourRunning = new java.util.concurrent.CountDownLatch(4);
		start(handler(job -> {
			highest.accumulateAndGet(current.incrementAndGet(), Math::max);
			fourRunning.countDown();
			assertThat(fourRunning.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
			// The "work": long enough for a fifth job to overlap if a fifth slot existed.
			LockSupport.parkNanos(Duration.ofMillis(30).toNanos());
			current.decrementAndGet();
			return null;
		}), settings(4));

		queues.addBulkIds(queue, Collections.nCopies(40, new Queues.NewJob("work", "{}", null)));

		await().atMost(Duration.ofSeconds(10)).until(() -> queues.counts(queue).get(JobState.COMPLETED) == 40);
		assertThat(highest.get()).isEqualTo(4);
	}

	@Test
	void interruptsAndFailsAnAttemptThatRunsPastTheTimeout() {
		start(handler(job -> {
			LockSupport.parkNanos(Duration.ofSeconds(10).toNanos());
			if (Thread.currentThread().isInterrupted()) {
				throw new InterruptedException("interrupted");
			}
			return "finished";
		}), settings(1).withTimeout(Duration.ofMillis(300)));

		Job added = queues.add(queue, "slow", "{}", JobOptions.defaults());

		await().atMost(Duration.ofSeconds(5)).until(() -> job(added.id()).state() == JobState.FAILED);
		assertThat(job(added.id()).failedReason()).contains("timed out after 300 ms");
	}

	@Test
	void anAttemptThatIgnoresItsTimeoutLosesItsLeaseAndSlotAndTheJobRunsAgain() {
		AtomicBoolean released = new AtomicBoolean();
		AtomicInteger attempts = new AtomicInteger();
		List<String> completed = new CopyOnWriteArrayList<>();
		start(handler(job -> {
			if (job.name().equals("stuck") && attempts.incrementAndGet() == 1) {
				// Ignores interruption: parks again until the test ends.
				while (!released.get()) {
					LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
				}
				return "late";
			}
			completed.add(job.name());
			return "ok";
		}), settings(1).withLease(Duration.ofSeconds(1)).withTimeout(Duration.ofMillis(300)));
		try {
			Job stuck = queues.add(queue, "stuck", "{}", JobOptions.defaults());
			await().atMost(Duration.ofSeconds(5)).until(() -> attempts.get() == 1);
			Job next = queues.add(queue, "next", "{}", JobOptions.defaults());

			// The one slot is free again although the first attempt still runs.
			await().atMost(Duration.ofSeconds(5)).until(() -> job(next.id()).state() == JobState.COMPLETED);
			// Its lease was not renewed: it stalled, went back to waiting and ran again.
			await().atMost(Duration.ofSeconds(10)).until(() -> job(stuck.id()).state() == JobState.COMPLETED);
			assertThat(completed).containsExactlyInAnyOrder("next", "stuck");
			assertThat(redis.opsForHash().get(JobKeys.job(queue, stuck.id()), "stalledCount")).isEqualTo("1");
			assertThat(job(stuck.id()).result()).isEqualTo("\"ok\"");
		}
		finally {
			released.set(true);
		}
	}

	@Test
	void pausedQueueStartsNothingUntilResumed() {
		AtomicInteger runs = new AtomicInteger();
		start(handler(job -> runs.incrementAndGet()), settings(1));
		queues.pause(queue);
		Job added = queues.add(queue, "held", "{}", JobOptions.defaults());

		assertThat(job(added.id()).state()).isEqualTo(JobState.PAUSED);
		assertThat(queues.counts(queue).get(JobState.PAUSED)).isEqualTo(1);

		long resumed = System.currentTimeMillis();
		queues.resume(queue);
		await().atMost(Duration.ofSeconds(5)).until(() -> job(added.id()).state() == JobState.COMPLETED);
		// It ran once, and only after the resume: nothing started it while the queue was paused.
		assertThat(runs.get()).isEqualTo(1);
		assertThat(job(added.id()).processedAt().toEpochMilli()).isGreaterThanOrEqualTo(resumed);
	}

	@Test
	void reportsProgressAndKeepsAJobLogThatExpiresWithTheJob() {
		start(handler(job -> {
			job.progress(40);
			job.log("halfway");
			return List.of(1, 2);
		}), settings(1));

		Job added = queues.add(queue, "steps", "{}", JobOptions.defaults()
			.withRemoveOnComplete(new KeepJobs(10, Duration.ofMinutes(5))));

		await().atMost(Duration.ofSeconds(5)).until(() -> job(added.id()).state() == JobState.COMPLETED);
		assertThat(job(added.id()).result()).isEqualTo("[1,2]");
		assertThat(job(added.id()).progress()).isEqualTo(100);
		assertThat(queues.logs(queue, added.id())).containsExactly("halfway");
		assertThat(redis.getExpire(JobKeys.job(queue, added.id()))).isBetween(290L, 300L);
		assertThat(redis.getExpire(JobKeys.logs(queue, added.id()))).isBetween(290L, 300L);
	}

	@Test
	void keepsOnlyTheConfiguredNumberOfCompletedJobs() {
		start(handler(job -> null), settings(1));
		KeepJobs keepTwo = new KeepJobs(2, Duration.ofHours(1));
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			ids.add(queues.add(queue, "n" + i, "{}", JobOptions.defaults().withRemoveOnComplete(keepTwo)).id());
		}

		await().atMost(Duration.ofSeconds(5)).until(() -> queues.counts(queue).get(JobState.WAITING) == 0
				&& queues.counts(queue).get(JobState.ACTIVE) == 0);
		assertThat(redis.opsForZSet().range(JobKeys.set(queue, "completed"), 0, -1)).containsExactlyInAnyOrder(ids.get(3),
				ids.get(4));
		assertThat(redis.hasKey(JobKeys.job(queue, ids.get(0)))).isFalse();
	}

	@Test
	void removesAWaitingJobAndCleansOldFinishedJobs() {
		Job waiting = queues.add(queue, "gone", "{}", JobOptions.defaults());
		assertThat(queues.remove(queue, waiting.id())).isTrue();
		assertThat(redis.hasKey(JobKeys.job(queue, waiting.id()))).isFalse();
		assertThat(redis.opsForList().size(JobKeys.set(queue, "wait"))).isZero();

		start(handler(job -> null), settings(1));
		Job done = queues.add(queue, "done", "{}", JobOptions.defaults());
		await().atMost(Duration.ofSeconds(5)).until(() -> job(done.id()).state() == JobState.COMPLETED);
		assertThat(queues.clean(queue, JobState.COMPLETED, Duration.ofHours(1))).isZero();
		assertThat(queues.clean(queue, JobState.COMPLETED, Duration.ZERO)).isEqualTo(1);
		assertThat(queues.job(queue, done.id())).isEmpty();
	}

}
