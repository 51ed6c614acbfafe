package dev.storefront.ops;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;

/**
 * A bounded sample of one node's keys with their sizes: SCAN with COUNT (never KEYS) until the sample is
 * full or the keyspace is done, and for each SCAN batch one pipeline of MEMORY USAGE and TYPE. Cost stays
 * bounded on any keyspace: at most {@code limit} keys are looked at per node.
 */
final class KeySampler {

	private final int limit;

	private final int scanCount;

	KeySampler(int limit, int scanCount) {
		this.limit = limit;
		this.scanCount = scanCount;
	}

	/**
	 * @param key the key name (UTF-8)
	 * @param bytes MEMORY USAGE, or 0 when the key vanished between SCAN and MEMORY USAGE
	 * @param type its Redis type
	 */
	record Key(String key, long bytes, String type) {
	}

	/**
	 * @param dbsize DBSIZE of the node when the sample was taken
	 * @param sample the keys looked at
	 * @param complete whether SCAN went through the whole keyspace
	 */
	record Sample(long dbsize, List<Key> sample, boolean complete) {

		/** What one sampled key stands for: dbsize / sampled, at least 1. */
		double scale() {
			return complete || sample.isEmpty() ? 1.0 : Math.max(1.0, (double) dbsize / sample.size());
		}

	}

	Sample sample(RedisNodes.Node node) {
		var redis = node.commands();
		long dbsize = node.await(redis.dbsize());
		List<Key> sample = new ArrayList<>();
		ScanCursor cursor = ScanCursor.INITIAL;
		boolean cut = false;
		do {
			KeyScanCursor<byte[]> batch = node.await(redis.scan(cursor, ScanArgs.Builder.limit(scanCount)));
			List<byte[]> keys = batch.getKeys().subList(0, Math.min(batch.getKeys().size(), limit - sample.size()));
			cut |= keys.size() < batch.getKeys().size();
			List<RedisFuture<Long>> sizes = new ArrayList<>(keys.size());
			List<RedisFuture<String>> types = new ArrayList<>(keys.size());
			// Asynchronous commands are written back to back: one pipeline per SCAN batch.
			for (byte[] key : keys) {
				sizes.add(redis.memoryUsage(key));
				types.add(redis.type(key));
			}
			for (int i = 0; i < keys.size(); i++) {
				Long bytes = node.await(sizes.get(i));
				sample.add(new Key(new String(keys.get(i), StandardCharsets.UTF_8), bytes == null ? 0 : bytes,
						node.await(types.get(i))));
			}
			cursor = batch;
		}
		while (!cursor.isFinished() && sample.size() < limit);
		return new Sample(dbsize, sample, cursor.isFinished() && !cut);
	}

}
