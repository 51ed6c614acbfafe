package dev.storefront.jobs;

import java.util.ArrayList;
import java.util.List;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import static dev.storefront.jobs.JobReplies.num;
import static dev.storefront.jobs.JobReplies.owner;
import static dev.storefront.jobs.JobReplies.str;

/**
 * What workers do to the queue's Redis structures: lease jobs, keep and give up leases, report outcomes,
 * progress and logs, find stalled jobs, and say they are alive. Every change goes through one script of
 * {@link JobScripts}. Adding and administering jobs is {@link JobStore}.
 */
@Component
class JobLeases {

	private static final int LOG_LINES = 1000;

	private final StringRedisTemplate redis;

	JobLeases(StringRedisTemplate redis) {
		this.redis = redis;
	}

	/** Leases up to {@code max} jobs for the worker {@code workerId}; each lease gets a token of its own. */
	Fetch moveToActive(String queue, String workerId, long leaseMillis, int max, JobsProperties.Limiter limiter) {
		List<?> result = run(JobScripts.MOVE_TO_ACTIVE, queue, List.of(), List.of(workerId, leaseMillis, max,
				limiter.max(), limiter.duration().toMillis()));
		long status = num(result.get(0));
		if (status <= 0) {
			return new Fetch(status, result.size() > 1 ? num(result.get(1)) : -1, List.of());
		}
		List<ActiveJob> jobs = new ArrayList<>((int) status);
		for (int i = 1; i < result.size(); i += 11) {
			jobs.add(new ActiveJob(queue, str(result.get(i)), str(result.get(i + 1)), str(result.get(i + 2)),
					(int) num(result.get(i + 3)), (int) num(result.get(i + 4)), Backoff.Type.valueOf(str(result.get(i + 5))),
					num(result.get(i + 6)), Double.parseDouble(str(result.get(i + 7))), num(result.get(i + 8)),
					owner(str(result.get(i + 9))), str(result.get(i + 10))));
		}
		return new Fetch(status, 0, jobs);
	}

	/** @return 1 completed, 2 retrying, 3 failed, -1 lease lost */
	long finish(String queue, String id, String token, boolean completed, String resultOrReason, long retryDelay) {
		return run(JobScripts.FINISH, queue, JobKeys.jobAndLogs(queue, id), List.of(id, token,
				completed ? "completed" : "failed", resultOrReason == null ? "" : resultOrReason, retryDelay));
	}

	/** Renews the leases of these attempts; @return the ids whose lease was lost */
	List<String> extend(String queue, long leaseMillis, List<ActiveJob> jobs) {
		List<Object> args = new ArrayList<>(List.of(leaseMillis));
		List<String> keys = new ArrayList<>(jobs.size());
		for (ActiveJob job : jobs) {
			keys.add(JobKeys.job(queue, job.id()));
			args.add(job.id());
			args.add(job.token());
		}
		return run(JobScripts.EXTEND_LEASE, queue, keys, args).stream().map(JobReplies::str).toList();
	}

	/** @return {requeued, failed} */
	long[] checkStalled(String queue, int maxStalledCount) {
		List<?> result = run(JobScripts.CHECK_STALLED, queue, List.of(), List.of(maxStalledCount));
		return new long[] { num(result.get(0)), num(result.get(1)) };
	}

	boolean progress(String queue, String id, String token, int percent) {
		return run(JobScripts.PROGRESS, queue, List.of(JobKeys.job(queue, id)), List.of(id, token, percent)) == 1;
	}

	/**
	 * Appends to the job's log while the attempt holds its lease, keeping its last lines; the log expires
	 * with the job. @return false when the lease was lost (a late line is dropped)
	 */
	boolean log(String queue, String id, String token, String line) {
		return run(JobScripts.LOG, queue, JobKeys.jobAndLogs(queue, id), List.of(id, token, line, LOG_LINES)) == 1;
	}

	/** Records that a worker is alive; entries older than {@code staleAfterMillis} are dropped on read. */
	void heartbeat(String queue, String workerId, String description) {
		redis.opsForHash().put(JobKeys.workers(queue), workerId, System.currentTimeMillis() + "|" + description);
	}

	void removeWorker(String queue, String workerId) {
		redis.opsForHash().delete(JobKeys.workers(queue), workerId);
	}

	private <T> T run(RedisScript<T> script, String queue, List<String> jobKeys, List<Object> args) {
		return JobScripts.run(redis, script, queue, jobKeys, args);
	}

	/**
	 * What a fetch got: {@code status} is the number of jobs, 0 for none ({@code waitMillis} until the
	 * next delayed job, -1 for none), -1 when paused, -2 when limited ({@code waitMillis} until the window
	 * ends).
	 */
	record Fetch(long status, long waitMillis, List<ActiveJob> jobs) {
	}

	/**
	 * A job leased by a worker, with what it needs to run and to retry; {@code token} is this attempt's
	 * lease token, which every later call of the attempt presents.
	 */
	record ActiveJob(String queue, String id, String name, String data, int attemptsMade, int attempts,
			Backoff.Type backoffType, long backoffDelay, double backoffJitter, long createdAt, Long owner,
			String token) {
	}

}
