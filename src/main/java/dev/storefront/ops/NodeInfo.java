package dev.storefront.ops;

import java.time.Instant;

/**
 * The {@code info} part for one node: what an operator checks first.
 *
 * @param version the Redis version
 * @param role {@code master} or {@code slave}
 * @param uptimeSeconds seconds since the server started
 * @param memory memory use and limits
 * @param opsPerSecond instantaneous operations per second
 * @param keyspaceHitRatio hits / (hits + misses) since the server started; null before the first read
 * @param evictedKeys keys evicted by {@code maxmemory-policy} since the start
 * @param expiredKeys keys expired since the start
 * @param clients connected and blocked clients
 * @param persistence AOF and RDB state
 * @param replication replicas and how far behind they are
 */
record NodeInfo(String version, String role, long uptimeSeconds, Memory memory, double opsPerSecond,
		Double keyspaceHitRatio, long evictedKeys, long expiredKeys, Clients clients, Persistence persistence,
		Replication replication) {

	static NodeInfo of(RedisInfo info) {
		double rdbLastSave = info.number("rdb_last_save_time");
		double hitRatio = info.hitRatio();
		double lag = info.replicationLagBytes();
		return new NodeInfo(info.text("redis_version"), info.text("role"), (long) info.number("uptime_in_seconds"),
				new Memory((long) info.number("used_memory"), (long) info.number("used_memory_peak"),
						(long) info.number("used_memory_rss"), (long) info.number("maxmemory"),
						info.text("maxmemory_policy"), info.number("mem_fragmentation_ratio")),
				info.number("instantaneous_ops_per_sec"), Double.isNaN(hitRatio) ? null : hitRatio,
				(long) info.number("evicted_keys"), (long) info.number("expired_keys"),
				new Clients((long) info.number("connected_clients"), (long) info.number("blocked_clients")),
				new Persistence("1".equals(info.text("aof_enabled")), info.text("aof_last_bgrewrite_status"),
						Double.isNaN(rdbLastSave) ? null : Instant.ofEpochSecond((long) rdbLastSave),
						info.text("rdb_last_bgsave_status")),
				new Replication(info.replicas(), Double.isNaN(lag) ? null : (long) lag));
	}

	/**
	 * @param usedBytes memory Redis allocated
	 * @param peakBytes the most it ever allocated
	 * @param rssBytes memory the operating system gave the process
	 * @param maxmemoryBytes the configured limit, 0 for none
	 * @param maxmemoryPolicy what happens at the limit
	 * @param fragmentationRatio RSS / used; well above 1.5 wastes memory, below 1 means swapping
	 */
	record Memory(long usedBytes, long peakBytes, long rssBytes, long maxmemoryBytes, String maxmemoryPolicy,
			double fragmentationRatio) {
	}

	/**
	 * @param connected client connections
	 * @param blocked clients waiting in a blocking command
	 */
	record Clients(long connected, long blocked) {
	}

	/**
	 * @param aofEnabled whether the append-only file is on
	 * @param aofLastRewriteStatus outcome of the last AOF rewrite
	 * @param rdbLastSaveTime when the last RDB snapshot succeeded
	 * @param rdbLastSaveStatus outcome of the last RDB snapshot
	 */
	record Persistence(boolean aofEnabled, String aofLastRewriteStatus, Instant rdbLastSaveTime,
			String rdbLastSaveStatus) {
	}

	/**
	 * @param replicas connected replicas of this master
	 * @param lagBytes on a master, how far (in replication-stream bytes) its furthest replica is behind
	 */
	record Replication(int replicas, Long lagBytes) {
	}

}
