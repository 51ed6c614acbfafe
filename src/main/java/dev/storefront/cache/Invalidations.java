package dev.storefront.cache;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;

import dev.storefront.config.ShardedChannels;

/**
 * L1 invalidation across instances over one pub/sub channel. A message is
 * {@code <instance>|e|<cache>|<key>} (evict) or {@code <instance>|c|<cache>|} (clear); an instance
 * ignores what it sent itself. A message that cannot be published is remembered in
 * {@link PendingInvalidations} and sent again by the replay. On a Redis Cluster the messages go over
 * {@link ShardedChannels} instead, the channel chosen by the hash of cache and key (decision 0090).
 */
final class Invalidations implements MessageListener {

	private final String instanceId = UUID.randomUUID().toString();

	private final Map<String, TwoLevelCache> caches = new ConcurrentHashMap<>();

	private final L2Store l2;

	private final PendingInvalidations pending;

	// Set once at wiring on a Cluster; null: the classic channel.
	private volatile ShardedChannels sharded;

	private int shardedCount;

	Invalidations(L2Store l2, PendingInvalidations pending) {
		this.l2 = l2;
		this.pending = pending;
	}

	/** On a Cluster: publish over these {@code count} sharded channels ({@code SPUBLISH}) from now on. */
	void publishSharded(ShardedChannels channels, int count) {
		this.shardedCount = count;
		this.sharded = channels;
	}

	void register(TwoLevelCache cache) {
		caches.put(cache.getName(), cache);
	}

	TwoLevelCache cache(String name) {
		return caches.get(name);
	}

	/** @return false if Redis failed (the caller remembers the invalidation) */
	boolean publishEvict(String cache, String key) {
		return send(cache, cache + "|" + key, instanceId + "|e|" + cache + "|" + key);
	}

	/** @return false if Redis failed (the caller remembers the invalidation) */
	boolean publishClear(String cache) {
		return send(cache, cache, instanceId + "|c|" + cache + "|");
	}

	private boolean send(String cache, String routingKey, String message) {
		ShardedChannels channels = sharded;
		if (channels == null) {
			return l2.publish(cache, CacheKeys.CHANNEL, message);
		}
		String channel = ShardedChannels.channelFor(CacheKeys.SHARDED_CHANNEL_PREFIX, shardedCount, routingKey);
		return l2.publishSharded(cache, () -> channels.publish(channel, message));
	}

	/** Evicts entries Redis no longer has (by entry key) from L1 here and on every peer. */
	void evictEntries(List<String> entryKeys) {
		for (String entryKey : entryKeys) {
			String[] parsed = CacheKeys.parseEntry(entryKey);
			TwoLevelCache cache = parsed == null ? null : caches.get(parsed[0]);
			if (cache != null) {
				cache.evictLocal(parsed[1]);
				if (!publishEvict(parsed[0], parsed[1])) {
					pending.evict(parsed[0], parsed[1]);
				}
			}
		}
	}

	/** Drops every L1 entry: after a disconnect, invalidations may have been missed. */
	void clearAllLocal() {
		caches.values().forEach(TwoLevelCache::clearLocal);
	}

	@Override
	public void onMessage(Message message, byte[] pattern) {
		String[] parts = new String(message.getBody(), StandardCharsets.UTF_8).split("\\|", 4);
		if (parts.length < 4 || parts[0].equals(instanceId)) {
			return;
		}
		TwoLevelCache cache = caches.get(parts[2]);
		if (cache == null) {
			return;
		}
		if (parts[1].equals("e")) {
			cache.evictLocal(parts[3]);
		}
		else {
			cache.clearLocal();
		}
	}

}
