package dev.storefront.ops;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One tick of the operations console: this instance's view of its Redis layer. Counters are cumulative
 * since the instance started (the page turns two snapshots into rates); gauges are as of their last
 * refresh. Figures a source does not report are {@code null}, never NaN.
 *
 * @param at when the snapshot was taken
 * @param caches per cache: gets by level and result, loads, stale serves, early refreshes, evictions
 * @param redis per Redis ({@code state}, {@code cache}) and node, from the last INFO
 * @param breakers every Redis circuit breaker with its state and when it last changed
 * @param rateLimits per policy: decisions by result ({@code allowed}, {@code rejected}, ...)
 * @param queues per job queue: jobs by state (as of the last maintenance run) and lifetime counters
 * @param streams per consumer group: lag, pending entries, consumed, reclaimed and dead-lettered
 * @param realtime open connections by kind, notifications created by type, drops, refusals
 * @param orders unpaid orders expired by this instance
 */
record OpsSnapshot(Instant at, List<CacheFigures> caches, List<RedisNodeFigures> redis, List<BreakerFigures> breakers,
		Map<String, Map<String, Long>> rateLimits, List<QueueFigures> queues, List<GroupFigures> streams,
		RealtimeFigures realtime, OrderFigures orders) {

	/** Gets: L1 hits, L1 misses (asked of L2), L2 hits and L2 misses (loaded). */
	record CacheFigures(String name, long l1Hits, long l1Misses, long l2Hits, long l2Misses,
			@Nullable Double hitRatio, long loads, long loadFailures, long staleServed, long earlyRefreshes,
			long evictions, long errors) {
	}

	/** One node's INFO figures; {@code null} where the node does not report them. */
	record RedisNodeFigures(String redis, String node, @Nullable String role, @Nullable Double usedMemory,
			@Nullable Double maxMemory, @Nullable Double opsPerSecond, @Nullable Double hitRatio,
			@Nullable Double connectedClients, @Nullable Double evictedKeys, @Nullable Double replicationLagBytes) {
	}

	/** {@code since} is null when the breaker has not changed state since this instance started. */
	record BreakerFigures(String name, String state, @Nullable Instant since) {
	}

	record QueueFigures(String name, Map<String, Long> counts, long added, long completed, long failed) {
	}

	record GroupFigures(String group, @Nullable Long lag, @Nullable Long pending, long consumed, long reclaimed,
			long deadLettered) {
	}

	record RealtimeFigures(Map<String, Long> connections, Map<String, Long> notifications, long dropped,
			long refused, long closed) {
	}

	record OrderFigures(long expired) {
	}

}
