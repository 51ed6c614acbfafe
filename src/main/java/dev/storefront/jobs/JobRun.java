package dev.storefront.jobs;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One attempt of a job on this instance: the thread running it and why it might have been cut short.
 */
final class JobRun {

	private final JobLeases.ActiveJob job;

	private volatile Thread thread;

	private volatile boolean abandoned;

	private volatile boolean timedOut;

	private final AtomicBoolean released = new AtomicBoolean();

	private final Runnable onTimeout;

	/**
	 * @param onTimeout what the worker does when the attempt runs past its timeout (stop renewing its
	 * lease, free its slot), in case the handler ignores the interruption
	 */
	JobRun(JobLeases.ActiveJob job, Runnable onTimeout) {
		this.job = job;
		this.onTimeout = onTimeout;
	}

	JobRun(JobLeases.ActiveJob job) {
		this(job, () -> {
		});
	}

	JobLeases.ActiveJob job() {
		return job;
	}

	void bind(Thread thread) {
		this.thread = thread;
	}

	/** The worker stops without waiting for this job: interrupt it and report nothing. */
	void abandon() {
		abandoned = true;
		interrupt();
	}

	void timeOut() {
		timedOut = true;
		interrupt();
		onTimeout.run();
	}

	/** True once: whoever gets it gives the attempt's slot back (the timeout, or the end of the attempt). */
	boolean release() {
		return released.compareAndSet(false, true);
	}

	boolean abandoned() {
		return abandoned;
	}

	boolean timedOut() {
		return timedOut;
	}

	private void interrupt() {
		Thread running = thread;
		if (running != null) {
			running.interrupt();
		}
	}

}
