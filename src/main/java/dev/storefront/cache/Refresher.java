package dev.storefront.cache;

import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs background refreshes (stale-while-revalidate, XFetch, pre-warm) on a small bounded pool, at
 * most one per key in this instance; the Redis lock makes it one across instances. A full queue
 * drops the refresh: the entry is simply refreshed on a later read.
 */
final class Refresher implements AutoCloseable {

	private final ThreadPoolExecutor executor;

	private final Set<String> running = ConcurrentHashMap.newKeySet();

	Refresher(int threads) {
		AtomicInteger counter = new AtomicInteger();
		this.executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1000),
				task -> {
					Thread thread = new Thread(task, "cache-refresh-" + counter.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				}, new ThreadPoolExecutor.AbortPolicy());
	}

	void submit(String cache, String key, Runnable refresh) {
		String id = cache + "\u0000" + key;
		if (!running.add(id)) {
			return;
		}
		try {
			executor.execute(() -> {
				try {
					refresh.run();
				}
				finally {
					running.remove(id);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			running.remove(id);
		}
	}

	@Override
	public void close() {
		executor.shutdown();
		try {
			executor.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
