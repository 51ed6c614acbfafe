package dev.storefront.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The queue's Lua scripts, loaded once; each is {@code common.lua} (shared helpers) followed by the
 * script itself. Spring runs them with EVALSHA and falls back to EVAL when the server lacks the hash.
 */
final class JobScripts {

	@SuppressWarnings("rawtypes")
	static final RedisScript<List> ADD = of("add", List.class);

	@SuppressWarnings("rawtypes")
	static final RedisScript<List> MOVE_TO_ACTIVE = of("move-to-active", List.class);

	static final RedisScript<Long> FINISH = of("finish", Long.class);

	@SuppressWarnings("rawtypes")
	static final RedisScript<List> EXTEND_LEASE = of("extend-lease", List.class);

	@SuppressWarnings("rawtypes")
	static final RedisScript<List> CHECK_STALLED = of("check-stalled", List.class);

	static final RedisScript<Long> PROGRESS = of("progress", Long.class);

	static final RedisScript<Long> LOG = of("log", Long.class);

	static final RedisScript<Long> RETRY = of("retry", Long.class);

	static final RedisScript<Long> REMOVE = of("remove", Long.class);

	static final RedisScript<Long> CLEAN = of("clean", Long.class);

	private JobScripts() {
	}

	/**
	 * Runs one of these scripts on {@code queue}. The queue's fixed keys ({@link JobKeys#fixed}) go first as
	 * {@code KEYS}, then {@code jobKeys}: the keys of the jobs the caller names (hash, log). Redis checks
	 * declared keys before a script runs, so a Cluster slot migration refuses the whole script rather than
	 * failing it between two writes. The arguments go as strings; the first is the queue's prefix, from which
	 * a script derives only the keys of jobs whose ids it finds itself.
	 */
	static <T> T run(StringRedisTemplate redis, RedisScript<T> script, String queue, List<String> jobKeys,
			List<Object> args) {
		List<String> keys = new ArrayList<>(JobKeys.fixed(queue));
		keys.addAll(jobKeys);
		List<Object> all = new ArrayList<>(args.size() + 1);
		all.add(JobKeys.prefix(queue));
		all.addAll(args);
		return redis.execute(script, keys, all.stream().map(String::valueOf).toArray(Object[]::new));
	}

	private static <T> RedisScript<T> of(String name, Class<T> type) {
		return RedisScript.of(read("common") + "\n" + read(name), type);
	}

	private static String read(String name) {
		try {
			return new ClassPathResource("scripts/jobs/" + name + ".lua").getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
