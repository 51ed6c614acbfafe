package dev.storefront.jobs;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.storefront.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Lease tokens belong to one attempt (issue 19 §4): an attempt that lost its lease is refused, even when the
 * same worker leased the job again, and a late log line of a finished job writes nothing.
 */
@IntegrationTest
class LeaseTokenIntegrationTests extends QueueTestSupport {

	private static final JobsProperties.Limiter NO_LIMIT = new JobsProperties.Limiter(0, Duration.ofSeconds(1));

	@Autowired
	JobLeases leases;

	@Test
	void anAttemptThatLostItsLeaseIsRefusedEvenWhenTheSameWorkerLeasedTheJobAgain() {
		Job added = queues.add(queue, "paused-past-its-lease", "{}", JobOptions.defaults().withAttempts(3));
		JobLeases.ActiveJob first = leases.moveToActive(queue, "worker-1", 100, 1, NO_LIMIT).jobs().get(0);
		// The first attempt's JVM "pauses" past the lease: the stall check puts the job back.
		await().atMost(Duration.ofSeconds(5)).until(() -> leases.checkStalled(queue, 5)[0] == 1);
		JobLeases.ActiveJob second = leases.moveToActive(queue, "worker-1", 30_000, 1, NO_LIMIT).jobs().get(0);
		assertThat(second.id()).isEqualTo(first.id()).isEqualTo(added.id());
		assertThat(second.token()).isNotEqualTo(first.token());

		// The first attempt wakes up: every call it makes is refused.
		assertThat(leases.progress(queue, first.id(), first.token(), 50)).isFalse();
		assertThat(leases.log(queue, first.id(), first.token(), "stale")).isFalse();
		assertThat(leases.extend(queue, 30_000, List.of(first))).containsExactly(first.id());
		assertThat(leases.finish(queue, first.id(), first.token(), true, "\"stale\"", -1)).isEqualTo(-1);
		assertThat(job(added.id()).state()).isEqualTo(JobState.ACTIVE);
		assertThat(redis.hasKey(JobKeys.logs(queue, added.id()))).isFalse();

		// The current attempt's token works.
		assertThat(leases.extend(queue, 30_000, List.of(second))).isEmpty();
		assertThat(leases.finish(queue, second.id(), second.token(), true, "\"ok\"", -1)).isEqualTo(1);
		assertThat(job(added.id()).result()).isEqualTo("\"ok\"");
	}

	@Test
	void aLateLogLineOfAFinishedJobDoesNotRecreateItsLogWithoutATtl() {
		AtomicReference<JobContext> kept = new AtomicReference<>();
		start(handler(job -> {
			kept.set(job);
			return "done";
		}), settings(1));
		Job added = queues.add(queue, "no-log-while-running", "{}",
				JobOptions.defaults().withRemoveOnComplete(new KeepJobs(10, Duration.ofMinutes(5))));
		await().atMost(Duration.ofSeconds(5)).until(() -> job(added.id()).state() == JobState.COMPLETED);

		// A thread the handler started logs after the job finished.
		kept.get().log("too late");

		String logs = JobKeys.logs(queue, added.id());
		assertThat(redis.hasKey(logs)).isFalse();
		assertThat(redis.getExpire(JobKeys.job(queue, added.id()))).isBetween(1L, 300L);
	}

	@Test
	void aLogLineWhileRunningIsKeptAndExpiresWithTheFinishedJob() {
		start(handler(job -> {
			job.log("working");
			return "done";
		}), settings(1));
		Job added = queues.add(queue, "logs-while-running", "{}",
				JobOptions.defaults().withRemoveOnComplete(new KeepJobs(10, Duration.ofMinutes(5))));
		await().atMost(Duration.ofSeconds(5)).until(() -> job(added.id()).state() == JobState.COMPLETED);

		assertThat(queues.logs(queue, added.id())).containsExactly("working");
		assertThat(redis.getExpire(JobKeys.logs(queue, added.id()))).isBetween(1L, 300L);
	}

}
