package dev.storefront.cache;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.lettuce.core.resource.ClientResources;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import dev.storefront.config.ClusterKeyevents;
import dev.storefront.config.ShardedChannels;

/**
 * One instance's two-level cache layer, wired from a Redis connection: the manager, the pub/sub
 * listener (on a bounded executor), the refresher, the reconnect watcher and the replay of failed
 * invalidations. Tests build two of these on one Redis to play two instances.
 */
final class TwoLevelStack implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(TwoLevelStack.class);

	private final TwoLevelCacheManager manager;

	private final CacheContext context;

	private final RedisMessageListenerContainer listener;

	private final ReconnectWatcher watcher;

	private final Prewarmer prewarmer;

	// On a Cluster, expiry events come from every master through this; null otherwise.
	private final ClusterKeyevents clusterExpiries;

	private final Invalidations invalidations;

	// On a Cluster, the invalidations travel over these sharded channels; null otherwise.
	private final ShardedChannels shardedInvalidations;

	// Keeps the subscription alive and replays failed invalidations: one thread.
	private final ScheduledExecutorService keeper = Executors.newSingleThreadScheduledExecutor(task -> {
		Thread thread = new Thread(task, "cache-keeper");
		thread.setDaemon(true);
		return thread;
	});

	private final ListenerExecutor listenerExecutor;

	private final InvalidationReplay replay;

	private volatile boolean running;

	private ScheduledFuture<?> keeping;

	private ScheduledFuture<?> replaying;

	TwoLevelStack(CacheProperties properties, RedisConnectionFactory factory, ClientResources resources,
			MeterRegistry meters, CircuitBreaker breaker) {
		this(properties, factory, resources, meters, breaker, true);
	}

	/** @param configureServer whether pre-warm may CONFIG SET {@code notify-keyspace-events} itself */
	TwoLevelStack(CacheProperties properties, RedisConnectionFactory factory, ClientResources resources,
			MeterRegistry meters, CircuitBreaker breaker, boolean configureServer) {
		StringRedisTemplate redis = new StringRedisTemplate(factory);
		RedisGuard guard = new RedisGuard(breaker, meters);
		L2Store l2 = new L2Store(redis, guard);
		PendingInvalidations pending = new PendingInvalidations(properties.pendingInvalidations());
		Invalidations invalidations = new Invalidations(l2, pending);
		this.invalidations = invalidations;
		Refresher refresher = new Refresher(properties.refreshThreads());
		boolean prewarm = properties.caches().values().stream().anyMatch(CacheSettings::prewarmOnExpiry);
		this.prewarmer = new Prewarmer(invalidations, refresher, redis, prewarm, configureServer);
		this.context = new CacheContext(meters, l2, invalidations, new KeyScanner(factory), refresher,
				new TagIndex(redis, guard), prewarmer, pending);
		this.replay = new InvalidationReplay(pending, context);
		JsonMapper json = JsonMapper.builder().build();
		Map<String, TwoLevelCache> caches = new LinkedHashMap<>();
		properties.caches().forEach((name, settings) -> {
			TwoLevelCache cache = new TwoLevelCache(name, settings, new EntryCodec(json, settings.type()),
					properties.lock(), context);
			caches.put(name, cache);
			invalidations.register(cache);
		});
		this.manager = new TwoLevelCacheManager(caches);
		this.manager.initializeCaches();
		guard.onRecovery(() -> {
			invalidations.clearAllLocal();
			replaySoon();
		});
		this.listenerExecutor = new ListenerExecutor(invalidations::clearAllLocal);
		this.listener = new RedisMessageListenerContainer();
		this.listener.setConnectionFactory(factory);
		this.listener.setTaskExecutor(listenerExecutor);
		this.listener.setRecoveryInterval(1000);
		// On a Cluster too: during a rolling upgrade, instances still on classic PUBLISH are heard.
		this.listener.addMessageListener(invalidations, new ChannelTopic(CacheKeys.CHANNEL));
		// Keyspace events are node-local: the container would hear one Cluster node only.
		boolean cluster = ClusterKeyevents.isCluster(factory);
		this.shardedInvalidations = cluster ? new ShardedChannels(factory, invalidations,
				ShardedChannels.channels(CacheKeys.SHARDED_CHANNEL_PREFIX, properties.invalidationChannels()),
				listenerExecutor) : null;
		if (cluster) {
			invalidations.publishSharded(shardedInvalidations, properties.invalidationChannels());
		}
		if (!cluster) {
			this.prewarmer.subscribe(listener);
		}
		this.clusterExpiries = cluster && prewarm
				? new ClusterKeyevents(factory, prewarmer, List.of(Prewarmer.CLUSTER_EXPIRED_EVENTS),
						listenerExecutor) : null;
		this.listener.afterPropertiesSet();
		this.watcher = new ReconnectWatcher(resources, invalidations);
	}

	TwoLevelCacheManager manager() {
		return manager;
	}

	CacheContext context() {
		return context;
	}

	Prewarmer prewarmer() {
		return prewarmer;
	}

	/**
	 * Redis may be down at startup: the app starts anyway (every cache call is a miss meanwhile) and a
	 * keeper retries the subscription until it holds.
	 */
	@Override
	public synchronized void start() {
		keeping = keeper.scheduleWithFixedDelay(this::ensureListening, 0, 2, TimeUnit.SECONDS);
		replaying = keeper.scheduleWithFixedDelay(this::replayPending, 1, 1, TimeUnit.SECONDS);
		if (clusterExpiries != null) {
			clusterExpiries.start();
		}
		if (shardedInvalidations != null) {
			shardedInvalidations.start();
		}
		running = true;
	}

	private void ensureListening() {
		if (listener.isListening()) {
			return;
		}
		try {
			listener.start();
			prewarmer.enableNotifications();
			invalidations.clearAllLocal();
		}
		catch (RuntimeException ex) {
			log.warn("Cache invalidation channel not subscribed yet ({}); retrying", ex.toString());
		}
	}

	private void replaySoon() {
		try {
			keeper.execute(this::replayPending);
		}
		catch (RejectedExecutionException ex) {
			// Shutting down: nothing left to protect.
		}
	}

	private void replayPending() {
		try {
			replay.replayIfPending();
		}
		catch (RuntimeException ex) {
			log.warn("Replaying failed cache invalidations failed; retrying", ex);
		}
	}

	PendingInvalidations pending() {
		return context.pending();
	}

	/** Whether this instance hears its peers' invalidations. */
	boolean listening() {
		return listener.isListening() && (shardedInvalidations == null || shardedInvalidations.isSubscribed());
	}

	/** The listener pool, as the thread-count test sees it. */
	ListenerExecutor listenerExecutor() {
		return listenerExecutor;
	}

	/**
	 * Pauses listening; restartable, because Spring stops and restarts lifecycles (e.g. the test
	 * framework pauses cached contexts). Threads are released in {@link #destroy()}.
	 */
	@Override
	public synchronized void stop() {
		running = false;
		if (keeping != null) {
			keeping.cancel(false);
		}
		if (replaying != null) {
			replaying.cancel(false);
		}
		listener.stop();
		if (clusterExpiries != null) {
			clusterExpiries.stop();
		}
		if (shardedInvalidations != null) {
			shardedInvalidations.stop();
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/** Subscribed before the web server takes traffic, stopped after it drained. */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 2048;
	}

	void destroy() throws Exception {
		if (running) {
			stop();
		}
		keeper.shutdownNow();
		listenerExecutor.close();
		context.refresher().close();
		watcher.close();
		listener.destroy();
	}

}
