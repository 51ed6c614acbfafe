package dev.storefront.jobs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import static dev.storefront.jobs.JobReplies.bytes;
import static dev.storefront.jobs.JobReplies.num;
import static dev.storefront.jobs.JobReplies.owner;
import static dev.storefront.jobs.JobReplies.str;

/**
 * The queue's Redis structures as {@link Queues} (the API) uses them: adding jobs, reading jobs,
 * counts and workers, and the admin's changes (pause, retry, remove, clean). Every change goes through
 * one script of {@link JobScripts}; reads are plain commands. What workers do with leased jobs is
 * {@link JobLeases}.
 */
@Component
class JobStore {

	/** How many jobs one retry-all or clean call handles; callers loop. */
	static final int BATCH = 1000;

	private final StringRedisTemplate redis;

	JobStore(StringRedisTemplate redis) {
		this.redis = redis;
	}

	/** @return per job its id and whether it was created (false = the id existed) */
	List<Added> add(String queue, List<NewJob> jobs) {
		List<Object> args = new ArrayList<>(jobs.size() * 14);
		List<String> keys = new ArrayList<>(jobs.size());
		for (NewJob job : jobs) {
			if (job.id() != null && !job.id().isEmpty()) {
				keys.add(JobKeys.job(queue, job.id()));
			}
			args.addAll(List.of(job.id() == null ? "" : job.id(), job.name(), job.data(), job.delayMillis(),
					job.priority(), job.attempts(), job.backoff().type().name(), job.backoff().delay().toMillis(),
					job.backoff().jitter(), job.owner() == null ? "" : job.owner(), job.keepCompleted().count(),
					job.keepCompleted().age().toMillis(), job.keepFailed().count(), job.keepFailed().age().toMillis()));
		}
		List<?> result = run(JobScripts.ADD, queue, keys, args);
		List<Added> added = new ArrayList<>(jobs.size());
		for (int i = 0; i < result.size(); i += 2) {
			added.add(new Added(str(result.get(i)), num(result.get(i + 1)) == 1));
		}
		return added;
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
		return run(JobScripts.RETRY, queue, JobKeys.jobAndLogs(queue, id), List.of(id, 1)) == 1;
	}

	/** @return how many failed jobs were moved back to waiting */
	long retryFailed(String queue) {
		long total = 0;
		long moved;
		do {
			moved = run(JobScripts.RETRY, queue, List.of(), List.of("", BATCH));
			total += moved;
		}
		while (moved == BATCH);
		return total;
	}

	/** @return 1 removed, 0 active, -1 unknown */
	long remove(String queue, String id) {
		return run(JobScripts.REMOVE, queue, JobKeys.jobAndLogs(queue, id), List.of(id));
	}

	/** @return how many finished jobs older than {@code ageMillis} were deleted */
	long clean(String queue, JobState state, long ageMillis) {
		long total = 0;
		long deleted;
		do {
			deleted = run(JobScripts.CLEAN, queue, List.of(), List.of(state.value(), ageMillis, BATCH));
			total += deleted;
		}
		while (deleted == BATCH);
		return total;
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

	private <T> T run(RedisScript<T> script, String queue, List<String> jobKeys, List<Object> args) {
		return JobScripts.run(redis, script, queue, jobKeys, args);
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

	/** A job to add, with the queue defaults applied. */
	record NewJob(String id, String name, String data, long delayMillis, int priority, int attempts, Backoff backoff,
			KeepJobs keepCompleted, KeepJobs keepFailed, Long owner) {
	}

	/** The outcome of adding one job. */
	record Added(String id, boolean created) {
	}

}
