package dev.storefront.cache;

import java.util.ArrayList;
import java.util.List;

import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.RedisClusterNode;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;

/**
 * Deletes keys by pattern with SCAN on every master (never KEYS) and UNLINK (one key per command, so
 * cluster-safe), so a large cache is cleared without blocking Redis.
 */
final class KeyScanner {

	private static final int BATCH = 500;

	private final RedisConnectionFactory factory;

	KeyScanner(RedisConnectionFactory factory) {
		this.factory = factory;
	}

	/** @return how many keys were unlinked */
	long unlinkMatching(String pattern) {
		ScanOptions options = ScanOptions.scanOptions().match(pattern).count(BATCH).build();
		try (RedisConnection connection = factory.getConnection()) {
			if (connection instanceof RedisClusterConnection cluster) {
				long total = 0;
				for (RedisClusterNode node : cluster.clusterGetNodes()) {
					if (node.isMaster()) {
						total += unlink(connection, cluster.scan(node, options));
					}
				}
				return total;
			}
			return unlink(connection, connection.keyCommands().scan(options));
		}
	}

	private static long unlink(RedisConnection connection, Cursor<byte[]> cursor) {
		long total = 0;
		List<byte[]> batch = new ArrayList<>(BATCH);
		try (cursor) {
			while (cursor.hasNext()) {
				batch.add(cursor.next());
				if (batch.size() == BATCH) {
					total += flush(connection, batch);
				}
			}
		}
		return total + flush(connection, batch);
	}

	// One key per UNLINK keeps every command single-slot, whatever the topology.
	private static long flush(RedisConnection connection, List<byte[]> batch) {
		if (batch.isEmpty()) {
			return 0;
		}
		batch.forEach(key -> connection.keyCommands().unlink(key));
		int size = batch.size();
		batch.clear();
		return size;
	}

}
