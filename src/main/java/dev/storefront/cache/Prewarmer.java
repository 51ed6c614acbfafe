package dev.storefront.cache;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.PatternTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import dev.storefront.config.KeyspaceEvents;

/**
 * Keyspace-notification pre-warm: for caches with {@code prewarm-on-expiry}, an entry that Redis
 * expires is reloaded in the background with the loader that last filled it. Every instance hears the
 * event; the loader lock and the "already fresh" check leave one reload. Needs
 * {@code notify-keyspace-events} with {@code E} and {@code x}: set here with CONFIG SET when allowed,
 * otherwise pre-warm stays inactive (logged) until the operator sets it.
 */
final class Prewarmer implements MessageListener {

	private static final Logger log = LoggerFactory.getLogger(Prewarmer.class);

	static final String EXPIRED_EVENTS = "__keyevent@*__:expired";

	/** The exact channel on a Cluster, which has database 0 only. */
	static final String CLUSTER_EXPIRED_EVENTS = "__keyevent@0__:expired";

	private final com.github.benmanes.caffeine.cache.Cache<String, Loader> loaders = Caffeine.newBuilder()
		.maximumSize(10_000)
		.build();

	private final Invalidations caches;

	private final Refresher refresher;

	private final StringRedisTemplate redis;

	private final boolean enabled;

	private final boolean configureServer;

	Prewarmer(Invalidations caches, Refresher refresher, StringRedisTemplate redis, boolean enabled,
			boolean configureServer) {
		this.caches = caches;
		this.refresher = refresher;
		this.redis = redis;
		this.enabled = enabled;
		this.configureServer = configureServer;
	}

	void remember(String entryKey, Callable<?> loader, List<String> tags) {
		loaders.put(entryKey, new Loader(loader, tags));
	}

	void subscribe(RedisMessageListenerContainer container) {
		if (enabled) {
			container.addMessageListener(this, new PatternTopic(EXPIRED_EVENTS));
		}
	}

	/**
	 * Adds {@code Ex} to {@code notify-keyspace-events}; a managed Redis that blocks CONFIG is only logged.
	 * With {@code storefront.redis.configure-keyspace-events=false} no CONFIG is sent: the server's conf sets it.
	 */
	void enableNotifications() {
		if (!enabled || !configureServer) {
			return;
		}
		try {
			redis.execute((RedisCallback<Boolean>) connection -> KeyspaceEvents.enable(connection, "Ex"));
		}
		catch (RuntimeException ex) {
			log.warn("Could not enable notify-keyspace-events (CONFIG blocked?): cache pre-warm on expiry stays "
					+ "inactive until the server has notify-keyspace-events containing 'E' and 'x'. {}", ex.toString());
		}
	}

	@Override
	public void onMessage(Message message, byte[] pattern) {
		String entryKey = new String(message.getBody(), StandardCharsets.UTF_8);
		String[] parsed = CacheKeys.parseEntry(entryKey);
		if (parsed == null) {
			return;
		}
		TwoLevelCache cache = caches.cache(parsed[0]);
		Loader loader = loaders.getIfPresent(entryKey);
		if (cache == null || loader == null || !cache.settings().prewarmOnExpiry()) {
			return;
		}
		cache.evictLocal(parsed[1]);
		refresher.submit(cache.getName(), parsed[1], () -> cache.refresh(parsed[1], 0, loader.loader(), loader.tags()));
	}

	record Loader(Callable<?> loader, List<String> tags) {
	}

}
