package dev.storefront.batching;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.springframework.context.SmartLifecycle;

/**
 * Writes items off the caller's thread. {@link #enqueue} puts one in a bounded queue and never waits;
 * one background thread takes what is queued, up to {@code batchSize} items at a time, and hands each
 * batch to {@link #write}. A full queue refuses the item: the subclass counts the drop. Stopping (in
 * the subclass's {@link #getPhase() phase}, after the web server drained) writes what is still queued.
 *
 * @param <T> what is queued
 */
public abstract class BatchWriter<T> implements SmartLifecycle {

	private final String threadName;

	private final BlockingQueue<T> queue;

	private final int batchSize;

	private final int phase;

	private volatile Thread worker;

	private volatile boolean running;

	protected BatchWriter(String threadName, int capacity, int batchSize, int phase) {
		this.threadName = threadName;
		this.queue = new ArrayBlockingQueue<>(capacity);
		this.batchSize = batchSize;
		this.phase = phase;
	}

	/** Queues {@code item} without waiting; {@code false} when the queue is full. */
	protected final boolean enqueue(T item) {
		return queue.offer(item);
	}

	/**
	 * Writes one batch, on the writer thread or on a caller of {@link #drain()}. It must not throw: a
	 * failed batch is counted (and its items given up) here. The list is reused once this returns.
	 */
	protected abstract void write(List<T> batch);

	/** Writes everything queued so far; the worker does this continuously, tests and shutdown call it. */
	public final synchronized void drain() {
		List<T> batch = new ArrayList<>();
		while (queue.drainTo(batch, batchSize) > 0) {
			write(batch);
			batch.clear();
		}
	}

	private void work() {
		List<T> batch = new ArrayList<>();
		while (running) {
			try {
				// Polls under the lock, so that drain() returning means "all that was queued is written".
				synchronized (this) {
					T first = queue.poll(200, TimeUnit.MILLISECONDS);
					if (first != null) {
						batch.add(first);
						queue.drainTo(batch, batchSize - 1);
						write(batch);
						batch.clear();
					}
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	@Override
	public final void start() {
		running = true;
		worker = new Thread(this::work, threadName);
		worker.setDaemon(true);
		worker.start();
	}

	/** Stops after the web server drained, and writes what is still queued. */
	@Override
	public final void stop() {
		running = false;
		try {
			worker.join(2000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		drain();
	}

	@Override
	public final boolean isRunning() {
		return running;
	}

	@Override
	public final int getPhase() {
		return phase;
	}

}
