package dev.storefront.jobs;

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
 */
final class JobKeys {

	static final String EVENTS_PATTERN = "sf:q:*:events";

	private JobKeys() {
	}

	/** The prefix every key of the queue starts with, e.g. {@code sf:q:{email}:}. */
	static String prefix(String queue) {
		return "sf:q:{" + queue + "}:";
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
