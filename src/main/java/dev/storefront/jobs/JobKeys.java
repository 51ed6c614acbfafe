package dev.storefront.jobs;

import java.util.List;

/**
 * Redis names of the jobs module. Every key of one queue starts with {@code sf:q:{<queue>}:}: the
 * hash tag puts them all on one cluster slot, so each script can touch any of them atomically.
 * <ul>
 * <li>{@code job:<id>} hash with the job's state, data, options and outcome; {@code logs:<id>} its log</li>
 * <li>{@code wait} list (FIFO), {@code prioritized}, {@code delayed}, {@code active} (score = lease
 * expiry), {@code completed} and {@code failed} sorted sets</li>
 * <li>{@code meta} hash (paused flag), {@code limiter} window counter, {@code id} and {@code pc}
 * sequences, {@code workers} hash of live workers, and the pub/sub channel {@code events}</li>
 * </ul>
 * Every jobs script receives the {@link #FIXED fixed keys} as {@code KEYS}, then the job and log keys of
 * the jobs its caller names; it derives from the prefix only the keys of jobs whose ids it finds itself.
 */
final class JobKeys {

	static final String EVENTS_PATTERN = "sf:q:*:events";

	/**
	 * The fixed keys of a queue, in the order every jobs script receives them as {@code KEYS[1..n]}
	 * ({@code common.lua} names them in the same order).
	 */
	static final List<String> FIXED = List.of("meta", "wait", "prioritized", "delayed", "active", "completed",
			"failed", "pc", "id", "limiter");

	private JobKeys() {
	}

	/** The prefix every key of the queue starts with, e.g. {@code sf:q:{email}:}. */
	static String prefix(String queue) {
		return "sf:q:{" + queue + "}:";
	}

	/** The fixed keys of {@code queue}, in the order of {@link #FIXED}. */
	static List<String> fixed(String queue) {
		return FIXED.stream().map(name -> prefix(queue) + name).toList();
	}

	static String meta(String queue) {
		return prefix(queue) + "meta";
	}

	static String job(String queue, String id) {
		return prefix(queue) + "job:" + id;
	}

	static String logs(String queue, String id) {
		return prefix(queue) + "logs:" + id;
	}

	/** The job's hash and its log, as a script that names one job takes them after the fixed keys. */
	static List<String> jobAndLogs(String queue, String id) {
		return List.of(job(queue, id), logs(queue, id));
	}

	static String set(String queue, String name) {
		return prefix(queue) + name;
	}

	static String workers(String queue) {
		return prefix(queue) + "workers";
	}

	static String events(String queue) {
		return prefix(queue) + "events";
	}

	/** The queue named by an events channel, e.g. {@code email} for {@code sf:q:{email}:events}. */
	static String queueOfChannel(String channel) {
		return channel.substring(channel.indexOf('{') + 1, channel.lastIndexOf('}'));
	}

}
