package dev.storefront.config;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.event.ClusterTopologyChangedEvent;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.pubsub.RedisClusterPubSubAdapter;
import io.lettuce.core.cluster.pubsub.StatefulRedisClusterPubSubConnection;
import io.lettuce.core.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.DefaultMessage;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Sharded pub/sub ({@code SSUBSCRIBE}/{@code SPUBLISH}) on a Redis Cluster, over a fixed set of channels.
 * Classic {@code PUBLISH} on a Cluster is copied over the cluster bus to every node; a sharded message goes to
 * the master owning the channel's slot and its replicas only, so spreading the channels over slots
 * ({@link #channels}) spreads the pub/sub load over the masters.
 * <p>
 * Each channel is subscribed with its own {@code SSUBSCRIBE} (Lettuce routes it to the slot's master; one
 * command for channels of different slots would be refused with {@code CROSSSLOT}). Lettuce does not follow a
 * sharded subscription to a new master (lettuce#3213), and a node that loses a slot ends its subscriptions
 * with {@code sunsubscribe}: so every channel is subscribed again when the node says so, when the topology
 * changes, and every {@link #RESUBSCRIBE_SECONDS} s anyway ({@code SSUBSCRIBE} on the same node is
 * idempotent). Messages go to a Spring {@link MessageListener} on the given executor; a listener that calls
 * Redis must not run on the Lettuce event loop (see {@link ClusterKeyevents}). With no channels it does nothing.
 */
public final class ShardedChannels implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ShardedChannels.class);

	static final long RESUBSCRIBE_SECONDS = 10;

	private final RedisConnectionFactory factory;

	private final MessageListener listener;

	private final List<String> channels;

	private final Executor executor;

	private ScheduledExecutorService keeper;

	private Disposable topologyEvents;

	private volatile StatefulRedisClusterPubSubConnection<String, String> subscriber;

	private volatile StatefulRedisClusterConnection<String, String> publisher;

	private volatile boolean subscribed;

	// Subscribe every channel again at the next tick (a periodic re-assertion keeps subscribed true).
	private volatile boolean due = true;

	private volatile boolean running;

	/**
	 * @param factory a Cluster factory ({@link ClusterKeyevents#isCluster}) unless {@code channels} is empty
	 * @param executor runs the listener; the caller's thread (the event loop) only for a listener that never
	 * blocks
	 */
	public ShardedChannels(RedisConnectionFactory factory, MessageListener listener, List<String> channels,
			Executor executor) {
		this.factory = factory;
		this.listener = listener;
		this.channels = List.copyOf(channels);
		this.executor = executor;
	}

	/**
	 * {@code count} channel names {@code <prefix>{<i>}}: the hash tag puts each one on its own slot, so they
	 * spread over the masters.
	 */
	public static List<String> channels(String prefix, int count) {
		return IntStream.range(0, count).mapToObj(i -> prefix + "{" + i + "}").toList();
	}

	/** The channel of {@link #channels} that {@code routingKey} maps to. */
	public static String channelFor(String prefix, int count, String routingKey) {
		return prefix + "{" + Math.floorMod(routingKey.hashCode(), count) + "}";
	}

	/** Whether every channel's {@code SSUBSCRIBE} was acknowledged (and no node has ended one since). */
	public boolean isSubscribed() {
		return channels.isEmpty() || subscribed;
	}

	/**
	 * {@code SPUBLISH}, routed to the channel's master.
	 *
	 * @return the number of subscribers on that shard that received it
	 * @throws RuntimeException when Redis fails (Lettuce's exceptions, unconverted)
	 */
	public long publish(String channel, String message) {
		StatefulRedisClusterConnection<String, String> open = publisher;
		if (open == null) {
			synchronized (this) {
				if (publisher == null) {
					publisher = client().connect(StringCodec.UTF8);
				}
				open = publisher;
			}
		}
		return open.sync().spublish(channel, message);
	}

	@Override
	public synchronized void start() {
		if (running || channels.isEmpty()) {
			return;
		}
		keeper = Executors.newSingleThreadScheduledExecutor(task -> {
			Thread thread = new Thread(task, "sharded-pubsub");
			thread.setDaemon(true);
			return thread;
		});
		keeper.scheduleWithFixedDelay(this::keepSubscribed, 0, 1, TimeUnit.SECONDS);
		keeper.scheduleWithFixedDelay(() -> due = true, RESUBSCRIBE_SECONDS, RESUBSCRIBE_SECONDS, TimeUnit.SECONDS);
		running = true;
	}

	private void keepSubscribed() {
		if (!due) {
			return;
		}
		// Cleared before, not after: a sunsubscribe arriving meanwhile must win.
		due = false;
		try {
			if (subscriber == null) {
				subscriber = openSubscriber();
			}
			for (String channel : channels) {
				subscriber.async().ssubscribe(channel).get(10, TimeUnit.SECONDS);
			}
			subscribed = true;
		}
		catch (Exception ex) {
			due = true;
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
				return;
			}
			log.warn("Sharded channels not all subscribed ({}); refreshing the topology and retrying", ex.toString());
			refreshTopology();
		}
	}

	private StatefulRedisClusterPubSubConnection<String, String> openSubscriber() {
		RedisClusterClient client = client();
		StatefulRedisClusterPubSubConnection<String, String> opened = client.connectPubSub(StringCodec.UTF8);
		opened.addListener(new RedisClusterPubSubAdapter<>() {
			@Override
			public void smessage(RedisClusterNode node, String channel, String message) {
				executor.execute(() -> listener.onMessage(new DefaultMessage(channel.getBytes(StandardCharsets.UTF_8),
						message.getBytes(StandardCharsets.UTF_8)), null));
			}

			@Override
			public void sunsubscribed(RedisClusterNode node, String channel, long count) {
				// The node gave the slot away (failover, resharding): subscribe again where it lives now.
				if (running) {
					log.info("Sharded channel {} unsubscribed by {}; subscribing again", channel, node.getUri());
					subscribed = false;
					due = true;
				}
			}
		});
		topologyEvents = client.getResources().eventBus().get()
			.filter(ClusterTopologyChangedEvent.class::isInstance)
			.subscribe(event -> due = true);
		return opened;
	}

	private void refreshTopology() {
		try {
			client().refreshPartitions();
		}
		catch (RuntimeException ex) {
			log.debug("Topology refresh failed", ex);
		}
	}

	private RedisClusterClient client() {
		return (RedisClusterClient) ((LettuceConnectionFactory) factory).getRequiredNativeClient();
	}

	@Override
	public synchronized void stop() {
		running = false;
		subscribed = false;
		due = true;
		if (keeper != null) {
			keeper.shutdownNow();
		}
		if (topologyEvents != null) {
			topologyEvents.dispose();
		}
		StatefulRedisClusterPubSubConnection<String, String> open = subscriber;
		subscriber = null;
		if (open != null) {
			open.close();
		}
		StatefulRedisClusterConnection<String, String> sending = publisher;
		publisher = null;
		if (sending != null) {
			sending.close();
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

}
