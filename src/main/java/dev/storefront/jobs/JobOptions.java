package dev.storefront.jobs;

import java.time.Duration;

/**
 * Options of one job; {@code null} fields take the queue's defaults from
 * {@code storefront.jobs.queues.<name>.*}.
 *
 * @param jobId the job's id; adding an id that exists returns the existing job (dedupe). Derive it
 * from the reason ({@code order-confirmed:42}) to make an enqueue idempotent. {@code null} = generated
 * @param delay how long the job waits before it may run
 * @param priority 0 = none (runs before prioritized jobs, FIFO); 1..2097152, lower runs first
 * @param attempts how many times the job runs before it is failed
 * @param backoff the wait between attempts
 * @param removeOnComplete retention of the job once completed
 * @param removeOnFail retention of the job once failed
 * @param owner the user who created the job (sees it through {@code GET /api/jobs/{id}}), or {@code null}
 */
public record JobOptions(String jobId, Duration delay, Integer priority, Integer attempts, Backoff backoff,
		KeepJobs removeOnComplete, KeepJobs removeOnFail, Long owner) {

	/** The highest priority number; priorities are packed with a sequence into a double score. */
	public static final int MAX_PRIORITY = 1 << 21;

	public JobOptions {
		if (jobId != null && (jobId.isBlank() || jobId.length() > 200)) {
			throw new IllegalArgumentException("jobId must have 1..200 characters");
		}
		if (priority != null && (priority < 0 || priority > MAX_PRIORITY)) {
			throw new IllegalArgumentException("priority must be within 0.." + MAX_PRIORITY);
		}
		if (attempts != null && attempts < 1) {
			throw new IllegalArgumentException("attempts must be at least 1");
		}
		if (delay != null && delay.isNegative()) {
			throw new IllegalArgumentException("delay must not be negative");
		}
	}

	/** All queue defaults. */
	public static JobOptions defaults() {
		return new JobOptions(null, null, null, null, null, null, null, null);
	}

	public static JobOptions id(String jobId) {
		return defaults().withJobId(jobId);
	}

	public JobOptions withJobId(String jobId) {
		return new JobOptions(jobId, delay, priority, attempts, backoff, removeOnComplete, removeOnFail, owner);
	}

	public JobOptions withDelay(Duration delay) {
		return new JobOptions(jobId, delay, priority, attempts, backoff, removeOnComplete, removeOnFail, owner);
	}

	public JobOptions withPriority(int priority) {
		return new JobOptions(jobId, delay, priority, attempts, backoff, removeOnComplete, removeOnFail, owner);
	}

	public JobOptions withAttempts(int attempts) {
		return new JobOptions(jobId, delay, priority, attempts, backoff, removeOnComplete, removeOnFail, owner);
	}

	public JobOptions withBackoff(Backoff backoff) {
		return new JobOptions(jobId, delay, priority, attempts, backoff, removeOnComplete, removeOnFail, owner);
	}

	public JobOptions withRemoveOnComplete(KeepJobs keep) {
		return new JobOptions(jobId, delay, priority, attempts, backoff, keep, removeOnFail, owner);
	}

	public JobOptions withRemoveOnFail(KeepJobs keep) {
		return new JobOptions(jobId, delay, priority, attempts, backoff, removeOnComplete, keep, owner);
	}

	public JobOptions withOwner(Long owner) {
		return new JobOptions(jobId, delay, priority, attempts, backoff, removeOnComplete, removeOnFail, owner);
	}

}
