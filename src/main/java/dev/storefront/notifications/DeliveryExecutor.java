package dev.storefront.notifications;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded, striped executor: {@code threads} single-thread lanes, each with its own bounded queue.
 * Work for one key (an audience) always runs on the same lane, so one user's notifications reach
 * their connections in the order they were published; a full lane rejects rather than blocking the
 * pub/sub connection.
 */
final class DeliveryExecutor implements AutoCloseable {

	private final ThreadPoolExecutor[] lanes;

	DeliveryExecutor(int threads, int queuePerThread) {
		AtomicInteger number = new AtomicInteger();
		lanes = new ThreadPoolExecutor[threads];
		for (int i = 0; i < threads; i++) {
			lanes[i] = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queuePerThread),
					task -> {
						Thread thread = new Thread(task, "notify-delivery-" + number.incrementAndGet());
						thread.setDaemon(true);
						return thread;
					}, new ThreadPoolExecutor.AbortPolicy());
		}
	}

	/** Runs {@code task} on the lane of {@code key}; false when that lane is full or shut down. */
	boolean execute(Object key, Runnable task) {
		try {
			lanes[Math.floorMod(key.hashCode(), lanes.length)].execute(task);
			return true;
		}
		catch (RejectedExecutionException ex) {
			return false;
		}
	}

	int queued() {
		int queued = 0;
		for (ThreadPoolExecutor lane : lanes) {
			queued += lane.getQueue().size();
		}
		return queued;
	}

	/** Lets queued deliveries finish for a moment, then drops the rest (their clients resume by id). */
	@Override
	public void close() {
		for (ThreadPoolExecutor lane : lanes) {
			lane.shutdown();
		}
		try {
			for (ThreadPoolExecutor lane : lanes) {
				if (!lane.awaitTermination(2, TimeUnit.SECONDS)) {
					lane.shutdownNow();
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
