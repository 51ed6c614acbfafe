package dev.storefront.jobs;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;

import dev.storefront.web.InvalidRequest;

/**
 * The job queue API: adding jobs and operating queues. Options left {@code null} in
 * {@link JobOptions} take the queue's defaults ({@code storefront.jobs.queues.<name>.*}).
 * Redis failures surface as Spring's {@code DataAccessException}s, which the web layer answers with
 * 503 and {@code Retry-After}.
 */
@Service
public class Queues {

	private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

	/** A custom id that could be a generated one (or is read as a number by a client): refused. */
	private static final Pattern NUMBER = Pattern.compile("[+-]?[0-9]+");

	private final JobStore store;

	private final JobsProperties properties;

	private final JobMetrics metrics;

	private final JsonMapper json;

	private final Wakeups wakeups;

	Queues(JobStore store, JobsProperties properties, JobMetrics metrics, JsonMapper json, Wakeups wakeups) {
		this.store = store;
		this.properties = properties;
		this.metrics = metrics;
		this.json = json;
		this.wakeups = wakeups;
	}

	/**
	 * Adds a job; when {@code options.jobId()} exists already, nothing changes and the existing job is
	 * returned (dedupe).
	 * @param payload serialized as JSON (a {@code String} is taken as JSON already)
	 */
	public Job add(String queue, String name, Object payload, JobOptions options) {
		return addBulk(queue, List.of(new NewJob(name, payload, options))).get(0);
	}

	/** Adds several jobs in one atomic step; each one is deduplicated by its id like {@link #add}. */
	public List<Job> addBulk(String queue, List<NewJob> jobs) {
		requireName(queue);
		JobsProperties.QueueSettings defaults = properties.queue(queue);
		List<JobStore.NewJob> resolved = jobs.stream().map(job -> resolve(defaults, job)).toList();
		List<JobStore.Added> added = store.add(queue, resolved);
		long created = added.stream().filter(JobStore.Added::created).count();
		metrics.added(queue, created);
		wakeups.wake(queue);
		return added.stream()
			.map(a -> store.job(queue, a.id()).orElseGet(() -> removedAlready(queue, a.id())))
			.toList();
	}

	/** Adds without reading the jobs back: the fast path for bulk producers. */
	public List<String> addBulkIds(String queue, List<NewJob> jobs) {
		requireName(queue);
		JobsProperties.QueueSettings defaults = properties.queue(queue);
		List<JobStore.Added> added = store.add(queue, jobs.stream().map(job -> resolve(defaults, job)).toList());
		metrics.added(queue, added.stream().filter(JobStore.Added::created).count());
		wakeups.wake(queue);
		return added.stream().map(JobStore.Added::id).toList();
	}

	public Optional<Job> job(String queue, String id) {
		requireName(queue);
		return store.job(queue, id);
	}

	/** A job by its global id {@code <queue>:<id>}. */
	public Optional<Job> job(String globalId) {
		int colon = globalId.indexOf(':');
		if (colon <= 0 || !NAME.matcher(globalId.substring(0, colon)).matches()) {
			return Optional.empty();
		}
		return store.job(globalId.substring(0, colon), globalId.substring(colon + 1));
	}

	public List<String> logs(String queue, String id) {
		return store.logs(queue, id);
	}

	public Map<JobState, Long> counts(String queue) {
		requireName(queue);
		return store.counts(queue);
	}

	public List<Job> jobs(String queue, JobState state, int page, int size) {
		requireName(queue);
		if (page < 0 || size < 1 || size > 100) {
			throw new InvalidRequest("page must be >= 0 and size within 1..100");
		}
		return store.jobs(queue, state, page, size);
	}

	/** Stops every worker of the queue, on all instances, from starting jobs. */
	public void pause(String queue) {
		requireName(queue);
		store.pause(queue, true);
	}

	public void resume(String queue) {
		requireName(queue);
		store.pause(queue, false);
		wakeups.wake(queue);
	}

	public boolean isPaused(String queue) {
		return store.isPaused(queue);
	}

	/** Moves a failed job back to waiting with fresh attempts; false if it is not failed. */
	public boolean retry(String queue, String id) {
		requireName(queue);
		boolean moved = store.retry(queue, id);
		wakeups.wake(queue);
		return moved;
	}

	/** Moves every failed job back to waiting; returns how many. */
	public long retryFailed(String queue) {
		requireName(queue);
		long moved = store.retryFailed(queue);
		wakeups.wake(queue);
		return moved;
	}

	/**
	 * Removes a job that is not running.
	 * @return false when there is no such job
	 * @throws JobActive when it is running
	 */
	public boolean remove(String queue, String id) {
		requireName(queue);
		long result = store.remove(queue, id);
		if (result == 0) {
			throw new JobActive(queue + ":" + id);
		}
		return result == 1;
	}

	/** Deletes completed or failed jobs older than {@code age}; returns how many. */
	public long clean(String queue, JobState state, Duration age) {
		requireName(queue);
		if (state != JobState.COMPLETED && state != JobState.FAILED) {
			throw new InvalidRequest("only completed or failed jobs can be cleaned");
		}
		return store.clean(queue, state, age.toMillis());
	}

	/** The queues configured in {@code storefront.jobs.queues}. */
	public List<String> names() {
		return properties.queues().keySet().stream().sorted().toList();
	}

	static void requireName(String queue) {
		if (queue == null || !NAME.matcher(queue).matches()) {
			throw new InvalidRequest("queue names are 1..40 of a-z, 0-9 and '-'");
		}
	}

	private JobStore.NewJob resolve(JobsProperties.QueueSettings defaults, NewJob job) {
		JobOptions o = job.options() == null ? JobOptions.defaults() : job.options();
		if (o.jobId() != null && NUMBER.matcher(o.jobId()).matches()) {
			throw new NumericJobId(o.jobId());
		}
		String data = job.payload() instanceof String raw ? raw : json.writeValueAsString(job.payload());
		return new JobStore.NewJob(o.jobId(), job.name(), data, o.delay() == null ? 0 : o.delay().toMillis(),
				o.priority() == null ? 0 : o.priority(), o.attempts() == null ? defaults.attempts() : o.attempts(),
				o.backoff() == null ? defaults.backoff() : o.backoff(),
				o.removeOnComplete() == null ? defaults.removeOnComplete() : o.removeOnComplete(),
				o.removeOnFail() == null ? defaults.keepFailed() : o.removeOnFail(), o.owner());
	}

	/** Only when the job was removed between adding and reading it back (retention of 0). */
	private static Job removedAlready(String queue, String id) {
		return new Job(id, queue, null, null, JobState.COMPLETED, 100, 0, 0, null, null, null, null, null, null);
	}

	/**
	 * One job of {@link #addBulk}.
	 * @param name what the job does
	 * @param payload its data, serialized as JSON
	 * @param options its options, {@code null} for the queue defaults
	 */
	public record NewJob(String name, Object payload, JobOptions options) {
	}

}
