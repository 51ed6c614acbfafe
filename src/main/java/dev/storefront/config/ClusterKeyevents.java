package dev.storefront.config;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.pubsub.RedisClusterPubSubAdapter;
import io.lettuce.core.cluster.pubsub.StatefulRedisClusterPubSubConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.DefaultMessage;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Keyspace events from every master of a Redis Cluster. Keyspace notifications are node-local, while a
 * {@code RedisMessageListenerContainer} on a Cluster subscribes on one node only, so it hears the events of
 * that node's keys and misses the rest (spring-session#2230). This subscribes the given channels on every
 * master with Lettuce's node message propagation, again every {@link #RESUBSCRIBE_SECONDS} s so that a
 * replica promoted by a failover is covered, and hands each message to a Spring {@link MessageListener} on
 * the given executor. Never on the caller: that is a Lettuce event-loop thread, and a listener that calls
 * Redis there (Spring Session's does) blocks the very thread that would read its reply, so the call times
 * out and stalls every connection on that event loop. On a non-Cluster factory it does nothing.
 */
public final class ClusterKeyevents implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ClusterKeyevents.class);

	static final long RESUBSCRIBE_SECONDS = 10;

	private final RedisConnectionFactory factory;

	private final MessageListener listener;

	private final byte[][] channels;

	private final Executor executor;

	private ScheduledExecutorService keeper;

	private volatile StatefulRedisClusterPubSubConnection<byte[], byte[]> connection;

	private volatile boolean running;

	/**
	 * @param channels exact channels, e.g. {@code __keyevent@0__:expired} (a Cluster has database 0 only)
	 * @param executor runs the listener; bounded, and dropping (not running on the caller) when full
	 */
	public ClusterKeyevents(RedisConnectionFactory factory, MessageListener listener, List<String> channels,
			Executor executor) {
		this.factory = factory;
		this.listener = listener;
		this.executor = executor;
		this.channels = channels.stream().map(channel -> channel.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
	}

	/** Whether the factory talks to a Redis Cluster. */
	public static boolean isCluster(RedisConnectionFactory factory) {
		return factory instanceof LettuceConnectionFactory lettuce && lettuce.getClusterConfiguration() != null;
	}

	@Override
	public synchronized void start() {
		if (!isCluster(factory)) {
			return;
		}
		keeper = Executors.newSingleThreadScheduledExecutor(task -> {
			Thread thread = new Thread(task, "cluster-keyevents");
			thread.setDaemon(true);
			return thread;
		});
		keeper.scheduleWithFixedDelay(this::subscribeOnMasters, 0, RESUBSCRIBE_SECONDS, TimeUnit.SECONDS);
		running = true;
	}

	private void subscribeOnMasters() {
		try {
			if (connection == null) {
				RedisClusterClient client = (RedisClusterClient) ((LettuceConnectionFactory) factory)
					.getRequiredNativeClient();
				StatefulRedisClusterPubSubConnection<byte[], byte[]> opened = client.connectPubSub(ByteArrayCodec.INSTANCE);
				opened.setNodeMessagePropagation(true);
				opened.addListener(new RedisClusterPubSubAdapter<>() {
					@Override
					public void message(RedisClusterNode node, byte[] channel, byte[] message) {
						executor.execute(() -> listener.onMessage(new DefaultMessage(channel, message), null));
					}
				});
				connection = opened;
			}
			// SUBSCRIBE is idempotent: nodes already subscribed are unchanged, new masters join.
			connection.sync().masters().commands().subscribe(channels);
		}
		catch (RuntimeException ex) {
			log.warn("Could not subscribe to keyspace events on every Cluster master ({}); retrying", ex.toString());
		}
	}

	@Override
	public synchronized void stop() {
		running = false;
		if (keeper != null) {
			keeper.shutdownNow();
		}
		StatefulRedisClusterPubSubConnection<byte[], byte[]> open = connection;
		connection = null;
		if (open != null) {
			open.close();
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

}
