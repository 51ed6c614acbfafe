package dev.storefront.cache;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.task.TaskExecutor;

/**
 * Runs the cache's pub/sub messages (peer invalidations, expiry events for pre-warm) on one thread with
 * a bounded queue. Spring's default starts a thread per message, and with keyspace notifications every
 * expiry in the database is a message. A full queue drops the message and clears L1 instead: a dropped
 * invalidation must not leave a stale copy.
 */
final class ListenerExecutor implements TaskExecutor, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(ListenerExecutor.class);

	static final int QUEUE = 10_000;

	private final ThreadPoolExecutor executor;

	ListenerExecutor(Runnable onOverflow) {
		this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), task -> {
			Thread thread = new Thread(task, "cache-listener");
			thread.setDaemon(true);
			return thread;
		}, (task, pool) -> {
			if (!pool.isShutdown()) {
				log.warn("Cache listener queue full; dropping a message and clearing L1");
				onOverflow.run();
			}
		});
	}

	@Override
	public void execute(Runnable task) {
		executor.execute(task);
	}

	/** The most threads the pool ever ran: pub/sub traffic must not take it past its one thread. */
	int largestPoolSize() {
		return executor.getLargestPoolSize();
	}

	long completedTasks() {
		return executor.getCompletedTaskCount();
	}

	@Override
	public void close() {
		executor.shutdownNow();
	}

}
