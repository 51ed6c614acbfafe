package dev.storefront.jobs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * The queue's Redis structures: every change goes through one script of {@link JobScripts}; reads are
 * plain commands. Used by {@link Queues} (the API) and the workers.
 */
@Component
class JobStore {

	/** How many jobs one retry-all or clean call handles; callers loop. */
	static final int BATCH = 1000;

	private static final int LOG_LINES = 1000;

	private final StringRedisTemplate redis;

	JobStore(StringRedisTemplate redis) {
		this.redis = redis;
	}

	/** @return per job its id and whether it was created (false = the id existed) */
	List<Added> add(String queue, List<NewJob> jobs) {
		List<Object> args = new ArrayList<>(1 + jobs.size() * 14);
		args.add(JobKeys.prefix(queue));
		for (NewJob job : jobs) {
			args.addAll(List.of(job.id() == null ? "" : job.id(), job.name(), job.data(), job.delayMillis(),
					job.priority(), job.attempts(), job.backoff().type().name(), job.backoff().delay().toMillis(),
					job.backoff().jitter(), job.owner() == null ? "" : job.owner(), job.keepCompleted().count(),
					job.keepCompleted().age().toMillis(), job.keepFailed().count(), job.keepFailed().age().toMillis()));
		}
		List<?> result = run(JobScripts.ADD, queue, args);
		List<Added> added = new ArrayList<>(jobs.size());
		for (int i = 0; i < result.size(); i += 2) {
			added.add(new Added(str(result.get(i)), num(result.get(i + 1)) == 1));
		}
		return added;
	}

	Fetch moveToActive(String queue, String token, long leaseMillis, int max, JobsProperties.Limiter limiter) {
		List<?> result = run(JobScripts.MOVE_TO_ACTIVE, queue, List.of(JobKeys.prefix(queue), token, leaseMillis, max,
				limiter.max(), limiter.duration().toMillis()));
		long status = num(result.get(0));
		if (status <= 0) {
			return new Fetch(status, result.size() > 1 ? num(result.get(1)) : -1, List.of());
		}
		List<ActiveJob> jobs = new ArrayList<>((int) status);
		for (int i = 1; i < result.size(); i += 10) {
			jobs.add(new ActiveJob(queue, str(result.get(i)), str(result.get(i + 1)), str(result.get(i + 2)),
					(int) num(result.get(i + 3)), (int) num(result.get(i + 4)), Backoff.Type.valueOf(str(result.get(i + 5))),
					num(result.get(i + 6)), Double.parseDouble(str(result.get(i + 7))), num(result.get(i + 8)),
					owner(str(result.get(i + 9)))));
		}
		return new Fetch(status, 0, jobs);
	}

	/** @return 1 completed, 2 retrying, 3 failed, -1 lease lost */
	long finish(String queue, String id, String token, boolean completed, String resultOrReason, long retryDelay) {
		return run(JobScripts.FINISH, queue, List.of(JobKeys.prefix(queue), id, token,
				completed ? "completed" : "failed", resultOrReason == null ? "" : resultOrReason, retryDelay));
	}

	/** @return the ids whose lease was lost */
	List<String> extend(String queue, String token, long leaseMillis, List<String> ids) {
		List<Object> args = new ArrayList<>(List.of(JobKeys.prefix(queue), token, leaseMillis));
		args.addAll(ids);
		return run(JobScripts.EXTEND_LEASE, queue, args).stream().map(JobStore::str).toList();
	}

	/** @return {requeued, failed} */
	long[] checkStalled(String queue, int maxStalledCount) {
		List<?> result = run(JobScripts.CHECK_STALLED, queue, List.of(JobKeys.prefix(queue), maxStalledCount));
		return new long[] { num(result.get(0)), num(result.get(1)) };
	}

	boolean progress(String queue, String id, String token, int percent) {
		return run(JobScripts.PROGRESS, queue, List.of(JobKeys.prefix(queue), id, token, percent)) == 1;
	}

	/** Appends to the job's log, keeping its last lines; the log expires with the job. */
	void log(String queue, String id, String line) {
		String key = JobKeys.logs(queue, id);
		redis.executePipelined((RedisCallback<Object>) connection -> {
			connection.listCommands().rPush(bytes(key), bytes(line));
			connection.listCommands().lTrim(bytes(key), -LOG_LINES, -1);
			return null;
		});
	}

	List<String> logs(String queue, String id) {
		return redis.opsForList().range(JobKeys.logs(queue, id), 0, -1);
	}

	Optional<Job> job(String queue, String id) {
		return Optional.ofNullable(toJob(queue, id, redis.<String, String>opsForHash().entries(JobKeys.job(queue, id)),
				isPaused(queue)));
	}

	Map<JobState, Long> counts(String queue) {
		List<Object> replies = redis.executePipelined((RedisCallback<Object>) connection -> {
			connection.listCommands().lLen(bytes(JobKeys.set(queue, "wait")));
			for (String set : List.of("prioritized", "delayed", "active", "completed", "failed")) {
				connection.zSetCommands().zCard(bytes(JobKeys.set(queue, set)));
			}
			connection.hashCommands().hExists(bytes(JobKeys.meta(queue)), bytes("paused"));
			return null;
		});
		boolean paused = Boolean.TRUE.equals(replies.get(6));
		Map<JobState, Long> counts = new EnumMap<>(JobState.class);
		long waiting = num(replies.get(0));
		long prioritized = num(replies.get(1));
		counts.put(JobState.WAITING, paused ? 0 : waiting);
		counts.put(JobState.PRIORITIZED, paused ? 0 : prioritized);
		counts.put(JobState.PAUSED, paused ? waiting + prioritized : 0);
		counts.put(JobState.DELAYED, num(replies.get(2)));
		counts.put(JobState.ACTIVE, num(replies.get(3)));
		counts.put(JobState.COMPLETED, num(replies.get(4)));
		counts.put(JobState.FAILED, num(replies.get(5)));
		return counts;
	}

	/**
	 * One page of jobs in a state: waiting newest first, prioritized and delayed in the order they will
	 * run, active by lease, completed and failed newest first.
	 */
	List<Job> jobs(String queue, JobState state, int page, int size) {
		long start = (long) page * size;
		long end = start + size - 1;
		List<String> ids = switch (state) {
			case WAITING, PAUSED -> redis.opsForList().range(JobKeys.set(queue, "wait"), start, end);
			case PRIORITIZED, DELAYED, ACTIVE -> List.copyOf(redis.opsForZSet().range(JobKeys.set(queue, state.value()), start, end));
			case COMPLETED, FAILED -> List.copyOf(redis.opsForZSet().reverseRange(JobKeys.set(queue, state.value()), start, end));
		};
		boolean paused = isPaused(queue);
		List<Object> hashes = redis.executePipelined((RedisCallback<Object>) connection -> {
			ids.forEach(id -> connection.hashCommands().hGetAll(bytes(JobKeys.job(queue, id))));
			return null;
		});
		List<Job> jobs = new ArrayList<>(ids.size());
		for (int i = 0; i < ids.size(); i++) {
			@SuppressWarnings("unchecked")
			Job job = toJob(queue, ids.get(i), (Map<String, String>) hashes.get(i), paused);
			if (job != null) {
				jobs.add(job);
			}
		}
		return jobs;
	}

	void pause(String queue, boolean paused) {
		if (paused) {
			redis.opsForHash().put(JobKeys.meta(queue), "paused", "1");
		}
		else {
			redis.opsForHash().delete(JobKeys.meta(queue), "paused");
		}
		redis.convertAndSend(JobKeys.events(queue), "{\"event\":\"" + (paused ? "paused" : "resumed") + "\"}");
	}

	boolean isPaused(String queue) {
		return redis.opsForHash().hasKey(JobKeys.meta(queue), "paused");
	}

	/** @return whether the job was failed and is waiting again */
	boolean retry(String queue, String id) {
		return run(JobScripts.RETRY, queue, List.of(JobKeys.prefix(queue), id, 1)) == 1;
	}

	/** @return how many failed jobs were moved back to waiting */
	long retryFailed(String queue) {
		long total = 0;
		long moved;
		do {
			moved = run(JobScripts.RETRY, queue, List.of(JobKeys.prefix(queue), "", BATCH));
			total += moved;
		}
		while (moved == BATCH);
		return total;
	}

	/** @return 1 removed, 0 active, -1 unknown */
	long remove(String queue, String id) {
		return run(JobScripts.REMOVE, queue, List.of(JobKeys.prefix(queue), id));
	}

	/** @return how many finished jobs older than {@code ageMillis} were deleted */
	long clean(String queue, JobState state, long ageMillis) {
		long total = 0;
		long deleted;
		do {
			deleted = run(JobScripts.CLEAN, queue, List.of(JobKeys.prefix(queue), state.value(), ageMillis, BATCH));
			total += deleted;
		}
		while (deleted == BATCH);
		return total;
	}

	/** Records that a worker is alive; entries older than {@code staleAfterMillis} are dropped on read. */
	void heartbeat(String queue, String workerId, String description) {
		redis.opsForHash().put(JobKeys.workers(queue), workerId, System.currentTimeMillis() + "|" + description);
	}

	void removeWorker(String queue, String workerId) {
		redis.opsForHash().delete(JobKeys.workers(queue), workerId);
	}

	/** The workers that sent a heartbeat in the last {@code staleAfterMillis}, by id. */
	Map<String, String> workers(String queue, long staleAfterMillis) {
		Map<String, String> live = new java.util.TreeMap<>();
		long now = System.currentTimeMillis();
		redis.<String, String>opsForHash().entries(JobKeys.workers(queue)).forEach((id, value) -> {
			int bar = value.indexOf('|');
			if (now - Long.parseLong(value.substring(0, bar)) <= staleAfterMillis) {
				live.put(id, value.substring(bar + 1));
			}
			else {
				redis.opsForHash().delete(JobKeys.workers(queue), id);
			}
		});
		return live;
	}

	@SuppressWarnings("unchecked")
	private <T> T run(org.springframework.data.redis.core.script.RedisScript<T> script, String queue, List<Object> args) {
		return redis.execute(script, List.of(JobKeys.meta(queue)),
				args.stream().map(String::valueOf).toArray(Object[]::new));
	}

	private static Job toJob(String queue, String id, Map<String, String> hash, boolean paused) {
		if (hash == null || hash.isEmpty() || !hash.containsKey("state")) {
			return null;
		}
		JobState state = JobState.of(hash.get("state"));
		if (paused && (state == JobState.WAITING || state == JobState.PRIORITIZED)) {
			state = JobState.PAUSED;
		}
		String result = hash.get("returnvalue");
		return new Job(id, queue, hash.get("name"), hash.get("data"), state, intOf(hash.get("progress")),
				intOf(hash.get("attemptsMade")), intOf(hash.get("attempts")), emptyToNull(hash.get("failedReason")),
				emptyToNull(result), owner(hash.get("owner")), instant(hash.get("ts")), instant(hash.get("processedOn")),
				instant(hash.get("finishedOn")));
	}

	private static int intOf(String value) {
		return value == null || value.isEmpty() ? 0 : (int) Double.parseDouble(value);
	}

	private static Instant instant(String millis) {
		return millis == null || millis.isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(millis));
	}

	private static String emptyToNull(String value) {
		return value == null || value.isEmpty() ? null : value;
	}

	private static Long owner(String value) {
		return value == null || value.isEmpty() ? null : Long.valueOf(value);
	}

	private static byte[] bytes(String value) {
		return value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
	}

	private static String str(Object value) {
		return value instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
				: String.valueOf(value);
	}

	private static long num(Object value) {
		if (value instanceof Number number) {
			return number.longValue();
		}
		if (value instanceof Boolean bool) {
			return bool ? 1 : 0;
		}
		return value == null ? 0 : Long.parseLong(str(value));
	}

	/** A job to add, with the queue defaults applied. */
	record NewJob(String id, String name, String data, long delayMillis, int priority, int attempts, Backoff backoff,
			KeepJobs keepCompleted, KeepJobs keepFailed, Long owner) {
	}

	/** The outcome of adding one job. */
	record Added(String id, boolean created) {
	}

	/**
	 * What a fetch got: {@code status} is the number of jobs, 0 for none ({@code waitMillis} until the
	 * next delayed job, -1 for none), -1 when paused, -2 when limited ({@code waitMillis} until the window
	 * ends).
	 */
	record Fetch(long status, long waitMillis, List<ActiveJob> jobs) {
	}

	/** A job leased by a worker, with what it needs to run and to retry. */
	record ActiveJob(String queue, String id, String name, String data, int attemptsMade, int attempts,
			Backoff.Type backoffType, long backoffDelay, double backoffJitter, long createdAt, Long owner) {
	}

}
