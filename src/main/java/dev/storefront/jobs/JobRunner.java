package dev.storefront.jobs;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.NestedExceptionUtils;

/**
 * Runs one attempt of a job with its handler, under the worker's timeout, and reports the outcome:
 * completed, or failed with the backoff delay of the next attempt.
 */
final class JobRunner {

	private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

	private final JobHandler handler;

	private final JobLeases leases;

	private final JobMetrics metrics;

	private final JsonMapper json;

	private final long maxBackoffMillis;

	JobRunner(JobHandler handler, JobLeases leases, JobMetrics metrics, JsonMapper json, Duration maxBackoff) {
		this.maxBackoffMillis = maxBackoff.toMillis();
		this.handler = handler;
		this.leases = leases;
		this.metrics = metrics;
		this.json = json;
	}

	void run(JobRun run, Duration timeout, ScheduledExecutorService scheduler) {
		JobLeases.ActiveJob job = run.job();
		run.bind(Thread.currentThread());
		ScheduledFuture<?> watchdog = timeout.isZero() ? null
				: scheduler.schedule(run::timeOut, timeout.toMillis(), TimeUnit.MILLISECONDS);
		long started = System.nanoTime();
		Object result = null;
		Throwable failure = null;
		try {
			result = handler.process(new Context(job));
		}
		catch (Throwable ex) {
			failure = ex;
		}
		finally {
			if (watchdog != null) {
				watchdog.cancel(false);
			}
			run.bind(null);
			// A timeout or abandon may have interrupted us after the handler returned: clear it.
			Thread.interrupted();
		}
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		if (run.abandoned()) {
			return;
		}
		if (run.timedOut() && failure != null) {
			failure = new IllegalStateException("timed out after " + timeout.toMillis() + " ms");
		}
		report(job, result, failure, took);
	}

	private void report(JobLeases.ActiveJob job, Object result, Throwable failure, Duration took) {
		try {
			if (failure == null) {
				long outcome = leases.finish(job.queue(), job.id(), job.token(), true, json.writeValueAsString(result), -1);
				if (outcome == -1) {
					log.warn("Job {}:{} completed after losing its lease; another attempt owns it", job.queue(), job.id());
					return;
				}
				metrics.completed(job.queue(), took);
				return;
			}
			boolean unrecoverable = failure instanceof UnrecoverableJobException;
			long delay = unrecoverable ? -1
					: Backoff.delayMillis(job.backoffType(), job.backoffDelay(), job.backoffJitter(), job.attemptsMade() + 1,
							maxBackoffMillis, ThreadLocalRandom.current());
			String reason = reason(failure);
			long outcome = leases.finish(job.queue(), job.id(), job.token(), false, reason, delay);
			if (outcome == -1) {
				return;
			}
			metrics.failed(job.queue(), took);
			if (outcome == 3) {
				log.warn("Job {}:{} ({}) failed for good after {} attempts: {}", job.queue(), job.id(), job.name(),
						job.attemptsMade() + 1, reason);
			}
			else {
				log.info("Job {}:{} ({}) attempt {} failed, retrying in {} ms: {}", job.queue(), job.id(), job.name(),
						job.attemptsMade() + 1, delay, reason);
			}
		}
		catch (RuntimeException ex) {
			// Redis is down: the job stays leased until its lease lapses, then runs again (at-least-once).
			log.warn("Cannot report job {}:{}; it will run again once its lease lapses: {}", job.queue(), job.id(),
					NestedExceptionUtils.getMostSpecificCause(ex).getMessage());
		}
	}

	private static String reason(Throwable failure) {
		String message = failure.getMessage();
		String reason = failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
		return reason.length() > 1000 ? reason.substring(0, 1000) : reason;
	}

	/** What the handler sees of its job. */
	private final class Context implements JobContext {

		private final JobLeases.ActiveJob job;

		Context(JobLeases.ActiveJob job) {
			this.job = job;
		}

		@Override
		public String id() {
			return job.id();
		}

		@Override
		public String queue() {
			return job.queue();
		}

		@Override
		public String name() {
			return job.name();
		}

		@Override
		public String data() {
			return job.data();
		}

		@Override
		public <T> T data(Class<T> type) {
			return json.readValue(job.data(), type);
		}

		@Override
		public int attemptsMade() {
			return job.attemptsMade();
		}

		@Override
		public Long owner() {
			return job.owner();
		}

		@Override
		public void progress(int percent) {
			if (percent < 0 || percent > 100) {
				throw new IllegalArgumentException("progress must be within 0..100");
			}
			leases.progress(job.queue(), job.id(), job.token(), percent);
		}

		@Override
		public void log(String line) {
			leases.log(job.queue(), job.id(), job.token(), line);
		}

	}

}
