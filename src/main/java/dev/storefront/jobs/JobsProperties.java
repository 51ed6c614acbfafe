package dev.storefront.jobs;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The job queues: defaults per queue and the workers this instance runs.
 *
 * @param workersEnabled whether this instance runs workers at all (an API-only instance sets false)
 * @param pollInterval how often an idle worker looks for jobs when no "added" event woke it
 * @param maintenanceInterval how often stalled jobs are looked for and the count gauges refreshed
 * @param shutdownTimeout how long a stopping worker waits for running jobs; jobs still running then
 * are abandoned and their lease lapses, so another instance runs them
 * @param queues settings per queue name; a queue not listed gets the defaults
 */
@ConfigurationProperties("storefront.jobs")
record JobsProperties(@DefaultValue("true") boolean workersEnabled, @DefaultValue("1s") Duration pollInterval,
		@DefaultValue("5s") Duration maintenanceInterval, @DefaultValue("10s") Duration shutdownTimeout,
		@DefaultValue Map<String, QueueSettings> queues) {

	QueueSettings queue(String name) {
		QueueSettings settings = queues.get(name);
		return settings != null ? settings : QueueSettings.DEFAULTS;
	}

	/**
	 * One queue's job defaults and its worker.
	 *
	 * @param attempts how many times a job runs before it is failed
	 * @param backoff the wait between attempts
	 * @param maxBackoff the longest wait between two attempts of any job of the queue, whatever its
	 * backoff (0 = no ceiling): an exponential backoff grows to it and stays there, so many attempts
	 * span a long outage without leaving hours between two of them
	 * @param removeOnComplete retention of completed jobs (default 1000 jobs, 1 day)
	 * @param removeOnFail retention of failed jobs (default 10000 jobs, 7 days: failures are what someone
	 * looks at later)
	 * @param worker the worker of this queue on this instance
	 */
	record QueueSettings(@DefaultValue("1") int attempts, @DefaultValue Backoff backoff,
			@DefaultValue("0s") Duration maxBackoff, @DefaultValue KeepJobs removeOnComplete,
			@DefaultValue FailedRetention removeOnFail, @DefaultValue WorkerSettings worker) {

		/** A queue that is not configured at all: the same as one bound with no settings. */
		static final QueueSettings DEFAULTS = new QueueSettings(1, new Backoff(Backoff.Type.NONE, Duration.ofSeconds(1), 0),
				Duration.ZERO, new KeepJobs(1000, Duration.ofDays(1)), new FailedRetention(10000, Duration.ofDays(7)),
				WorkerSettings.DEFAULTS);

		/** The retention of failed jobs, as job options carry it. */
		KeepJobs keepFailed() {
			return removeOnFail.keep();
		}

	}

	/**
	 * The retention of failed jobs: {@link KeepJobs} with defaults of its own, so that a queue bound from
	 * properties and a queue not configured at all keep failed jobs alike.
	 *
	 * @param count how many failed jobs are kept at most
	 * @param age how long a failed job (and its log) is kept
	 */
	record FailedRetention(@DefaultValue("10000") int count, @DefaultValue("7d") Duration age) {

		KeepJobs keep() {
			return new KeepJobs(count, age);
		}

	}

	/**
	 * A worker: how many jobs it runs at once and how fast.
	 *
	 * @param enabled whether this instance runs a worker for the queue (it also needs a handler bean)
	 * @param concurrency how many jobs run at once on this instance
	 * @param limiter at most {@code max} jobs start per {@code duration}, across all instances
	 * @param lease how long a job stays leased without renewal; renewed every third of it while it runs.
	 * A job whose lease lapses (its worker died) goes back to waiting
	 * @param maxStalledCount how often a job may stall before it is failed with reason {@code stalled}
	 * @param timeout how long one attempt may run before it is interrupted and failed (0 = no limit)
	 */
	record WorkerSettings(@DefaultValue("true") boolean enabled, @DefaultValue("1") int concurrency,
			@DefaultValue Limiter limiter, @DefaultValue("30s") Duration lease, @DefaultValue("1") int maxStalledCount,
			@DefaultValue("0s") Duration timeout) {

		static final WorkerSettings DEFAULTS = new WorkerSettings(true, 1, Limiter.NONE, Duration.ofSeconds(30), 1,
				Duration.ZERO);

		WorkerSettings {
			if (concurrency < 1) {
				throw new IllegalArgumentException("worker concurrency must be at least 1");
			}
		}

		WorkerSettings withConcurrency(int concurrency) {
			return new WorkerSettings(enabled, concurrency, limiter, lease, maxStalledCount, timeout);
		}

		WorkerSettings withLimiter(Limiter limiter) {
			return new WorkerSettings(enabled, concurrency, limiter, lease, maxStalledCount, timeout);
		}

		WorkerSettings withLease(Duration lease) {
			return new WorkerSettings(enabled, concurrency, limiter, lease, maxStalledCount, timeout);
		}

		WorkerSettings withTimeout(Duration timeout) {
			return new WorkerSettings(enabled, concurrency, limiter, lease, maxStalledCount, timeout);
		}

	}

	/**
	 * A rate limit shared by every worker of a queue (a fixed window in Redis).
	 *
	 * @param max the most jobs started per window (0 = unlimited)
	 * @param duration the window
	 */
	record Limiter(@DefaultValue("0") int max, @DefaultValue("1s") Duration duration) {

		static final Limiter NONE = new Limiter(0, Duration.ofSeconds(1));

	}

}
