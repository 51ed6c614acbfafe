package dev.storefront.events;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.redisson.api.RStream;
import org.redisson.api.RedissonClient;
import org.redisson.api.stream.AutoClaimResult;
import org.redisson.api.stream.PendingEntry;
import org.redisson.api.stream.StreamConsumer;
import org.redisson.api.stream.StreamCreateGroupArgs;
import org.redisson.api.stream.StreamGroup;
import org.redisson.api.stream.StreamMessageId;
import org.redisson.api.stream.StreamReadGroupArgs;
import org.redisson.client.RedisException;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loop of one consumer group on {@code sf:events}, on a thread of its own: XREADGROUP with BLOCK
 * (Redisson holds a pooled connection for the length of a blocking call, so no other command waits
 * behind it), and every {@code claim-interval} an XAUTOCLAIM pass that processes entries other consumers
 * left pending, a lag sample, and removal of consumers idle for {@code consumer-idle-removal}.
 * {@link #stop} lets the batch in hand finish (and be acked) before the thread ends.
 */
final class GroupConsumer implements Runnable {

	private static final Logger log = LoggerFactory.getLogger(GroupConsumer.class);

	private static final StreamMessageId START = new StreamMessageId(0, 0);

	private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

	private final RedissonClient redisson;

	private final String group;

	private final String consumer;

	private final EventsProperties properties;

	private final EventMetrics metrics;

	private final BatchProcessor processor;

	private final CountDownLatch stopped = new CountDownLatch(1);

	private volatile boolean running;

	private Thread thread;

	private boolean groupReady;

	GroupConsumer(RedissonClient redisson, StreamEventHandler handler, String consumer, EventsProperties properties,
			DeadLetters deadLetters, EventMetrics metrics) {
		this.redisson = redisson;
		this.group = handler.group();
		this.consumer = consumer;
		this.properties = properties;
		this.metrics = metrics;
		this.processor = new BatchProcessor(redisson, handler, properties, deadLetters, metrics);
	}

	String group() {
		return group;
	}

	String consumer() {
		return consumer;
	}

	synchronized void start() {
		running = true;
		thread = new Thread(this, "events-" + group);
		thread.setDaemon(true);
		thread.start();
		log.info("Consumer {} of group {} started", consumer, group);
	}

	/** Finishes the batch in hand, then returns; waits at most {@code timeout}. */
	void stop(Duration timeout) throws TimeoutException {
		running = false;
		stopped.countDown();
		Thread running = this.thread;
		if (running == null) {
			return;
		}
		try {
			running.join(timeout.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (running.isAlive()) {
			throw new TimeoutException("consumer " + consumer + " of " + group + " still busy after " + timeout);
		}
		log.info("Consumer {} of group {} stopped", consumer, group);
	}

	boolean isRunning() {
		return running;
	}

	/** Whether the loop's thread is alive (for tests: failures must not end it). */
	synchronized boolean isAlive() {
		return thread != null && thread.isAlive();
	}

	@Override
	public void run() {
		long nextClaim = 0;
		long nextHousekeeping = 0;
		int failures = 0;
		while (running) {
			try {
				ensureGroup();
				long now = System.nanoTime();
				if (now - nextClaim >= 0) {
					reclaim();
					sampleLag();
					nextClaim = now + properties.claimInterval().toNanos();
				}
				if (now - nextHousekeeping >= 0) {
					removeIdleConsumers();
					nextHousekeeping = now + Duration.ofMinutes(1).toNanos();
				}
				Map<StreamMessageId, Map<String, String>> entries = stream().readGroup(group, consumer,
						StreamReadGroupArgs.neverDelivered().count(properties.batchSize()).timeout(readBlock()));
				processor.process(entries, Map.of());
				failures = 0;
			}
			catch (RuntimeException ex) { // Redis down, a wrong-typed key: the loop outlives them
				if (String.valueOf(ex.getMessage()).contains("NOGROUP")) {
					groupReady = false; // the stream was deleted or replaced: make the group again
				}
				failures++;
				Duration backoff = backoff(failures);
				if (failures == 1 || failures % 20 == 0) {
					log.warn("Group {} cannot read {} ({} failures in a row), retrying in {}: {}", group,
							EventKeys.STREAM, failures, backoff, ex.toString());
				}
				pause(backoff);
			}
		}
	}

	/** Never block longer than the claim interval, so reclaim passes keep their pace. */
	private Duration readBlock() {
		return properties.block().compareTo(properties.claimInterval()) < 0 ? properties.block()
				: properties.claimInterval();
	}

	private void ensureGroup() {
		if (groupReady) {
			return;
		}
		try {
			// A new group starts at the end: it is for events from now on, not for the stream's history.
			stream().createGroup(StreamCreateGroupArgs.name(group).id(StreamMessageId.NEWEST).makeStream());
		}
		catch (RedisException ex) {
			if (!String.valueOf(ex.getMessage()).contains("BUSYGROUP")) {
				throw ex;
			}
		}
		groupReady = true;
	}

	/** XAUTOCLAIM every entry idle for longer than claim-min-idle and process it again. */
	void reclaim() {
		StreamMessageId cursor = START;
		for (int pass = 0; pass < 100 && running; pass++) {
			AutoClaimResult<String, String> claimed = stream().autoClaim(group, consumer,
					properties.claimMinIdle().toMillis(), TimeUnit.MILLISECONDS, cursor, properties.batchSize());
			Map<StreamMessageId, Map<String, String>> entries = claimed.getMessages();
			if (entries != null && !entries.isEmpty()) {
				metrics.reclaimed(group, entries.size());
				log.info("Group {} reclaimed {} entries for {}", group, entries.size(), consumer);
				processor.process(entries, deliveries(entries));
			}
			cursor = claimed.getNextId();
			if (cursor == null || START.equals(cursor)) {
				return;
			}
		}
	}

	private Map<StreamMessageId, Long> deliveries(Map<StreamMessageId, Map<String, String>> entries) {
		StreamMessageId first = entries.keySet().iterator().next();
		StreamMessageId last = first;
		for (StreamMessageId id : entries.keySet()) {
			last = id;
		}
		Map<StreamMessageId, Long> counts = new HashMap<>();
		for (PendingEntry pending : stream().listPending(group, consumer, first, last, entries.size())) {
			counts.put(pending.getId(), pending.getDeliveryCount());
		}
		return counts;
	}

	private void sampleLag() {
		for (StreamGroup info : stream().listGroups()) {
			if (info.getName().equals(group)) {
				metrics.lag(group, info.getLag());
				metrics.pending(group, info.getPending());
			}
		}
	}

	private void removeIdleConsumers() {
		long idleLimit = properties.consumerIdleRemoval().toMillis();
		for (StreamConsumer other : stream().listConsumers(group)) {
			if (!other.getName().equals(consumer) && other.getPending() == 0 && other.getIdleTime() > idleLimit) {
				stream().removeConsumer(group, other.getName());
				log.info("Removed consumer {} of group {}, idle for {} ms", other.getName(), group, other.getIdleTime());
			}
		}
	}

	private RStream<String, String> stream() {
		return redisson.getStream(EventKeys.STREAM, StringCodec.INSTANCE);
	}

	private static Duration backoff(int failures) {
		Duration backoff = Duration.ofMillis(100L << Math.min(failures, 6));
		return backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff;
	}

	private void pause(Duration duration) {
		try {
			stopped.await(duration.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			running = false;
		}
	}

}
