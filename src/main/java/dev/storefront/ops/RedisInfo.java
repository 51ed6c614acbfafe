package dev.storefront.ops;

import java.util.HashMap;
import java.util.Map;

/**
 * One node's parsed INFO reply: {@code field:value} lines, and the derived figures the gauges and the
 * endpoint share (hit ratio, replication lag).
 */
final class RedisInfo {

	private final Map<String, String> fields;

	private RedisInfo(Map<String, String> fields) {
		this.fields = fields;
	}

	static RedisInfo parse(String reply) {
		Map<String, String> fields = new HashMap<>();
		for (String line : reply.split("\r?\n")) {
			int colon = line.indexOf(':');
			if (colon > 0 && !line.startsWith("#")) {
				fields.put(line.substring(0, colon), line.substring(colon + 1).trim());
			}
		}
		return new RedisInfo(fields);
	}

	String text(String field) {
		return fields.get(field);
	}

	/** A numeric field, or NaN when this server does not report it. */
	double number(String field) {
		String value = fields.get(field);
		if (value == null) {
			return Double.NaN;
		}
		try {
			return Double.parseDouble(value);
		}
		catch (NumberFormatException ex) {
			return Double.NaN;
		}
	}

	/** hits / (hits + misses) since the server started, or NaN before the first read. */
	double hitRatio() {
		double hits = number("keyspace_hits");
		double misses = number("keyspace_misses");
		return hits + misses > 0 ? hits / (hits + misses) : Double.NaN;
	}

	boolean master() {
		return "master".equals(text("role"));
	}

	int replicas() {
		double count = number("connected_slaves");
		return Double.isNaN(count) ? 0 : (int) count;
	}

	/**
	 * On a master, how many bytes its furthest replica is behind (0 without replicas); on a replica, NaN
	 * (its master reports the lag).
	 */
	double replicationLagBytes() {
		if (!master()) {
			return Double.NaN;
		}
		double own = number("master_repl_offset");
		double lag = 0;
		for (int i = 0; i < replicas(); i++) {
			String replica = text("slave" + i);
			if (replica != null) {
				lag = Math.max(lag, own - offset(replica));
			}
		}
		return lag;
	}

	// slave0:ip=10.0.0.2,port=6380,state=online,offset=12345,lag=0
	private static double offset(String replica) {
		for (String part : replica.split(",")) {
			if (part.startsWith("offset=")) {
				return Double.parseDouble(part.substring("offset=".length()));
			}
		}
		return Double.NaN;
	}

}
