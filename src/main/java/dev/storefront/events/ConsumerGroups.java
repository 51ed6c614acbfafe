package dev.storefront.events;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Starts one {@link GroupConsumer} per {@link StreamEventHandler} bean once the context is refreshed,
 * and stops them on shutdown (each finishes its batch first). The consumer name is unique per instance:
 * host, pid and a random suffix, so two instances on one host never share pending entries.
 */
@Component
class ConsumerGroups implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ConsumerGroups.class);

	private final RedissonClient redisson;

	private final ObjectProvider<StreamEventHandler> handlers;

	private final EventsProperties properties;

	private final DeadLetters deadLetters;

	private final EventMetrics metrics;

	private final String consumerName = newConsumerName();

	private final List<GroupConsumer> consumers = new ArrayList<>();

	private boolean running;

	ConsumerGroups(RedissonClient redisson, ObjectProvider<StreamEventHandler> handlers, EventsProperties properties,
			DeadLetters deadLetters, EventMetrics metrics) {
		this.redisson = redisson;
		this.handlers = handlers;
		this.properties = properties;
		this.deadLetters = deadLetters;
		this.metrics = metrics;
	}

	/** This instance's consumer name in every group. */
	String consumerName() {
		return consumerName;
	}

	/** The groups this instance reads. */
	synchronized List<String> groups() {
		return consumers.stream().map(GroupConsumer::group).toList();
	}

	@Override
	public synchronized void start() {
		running = true;
		Set<String> seen = new HashSet<>();
		handlers.orderedStream().forEach(handler -> {
			if (!seen.add(handler.group())) {
				throw new IllegalStateException("Two StreamEventHandler beans share the group " + handler.group());
			}
			GroupConsumer consumer = new GroupConsumer(redisson, handler, consumerName, properties, deadLetters, metrics);
			consumer.start();
			consumers.add(consumer);
		});
	}

	@Override
	public synchronized void stop() {
		Duration timeout = properties.block().plusSeconds(10);
		consumers.forEach(consumer -> {
			try {
				consumer.stop(timeout);
			}
			catch (TimeoutException ex) {
				log.warn("{}; its unacked entries will be reclaimed by another consumer", ex.getMessage());
			}
		});
		consumers.clear();
		running = false;
	}

	@Override
	public synchronized boolean isRunning() {
		return running;
	}

	@Override
	public boolean isAutoStartup() {
		return properties.consumersEnabled();
	}

	private static String newConsumerName() {
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			host = "unknown-host";
		}
		String pid = ManagementFactory.getRuntimeMXBean().getName().split("@")[0];
		return host + "-" + pid + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

}
