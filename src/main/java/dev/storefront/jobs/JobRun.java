package dev.storefront.jobs;

/**
 * One attempt of a job on this instance: the thread running it and why it might have been cut short.
 */
final class JobRun {

	private final JobLeases.ActiveJob job;

	private volatile Thread thread;

	private volatile boolean abandoned;

	private volatile boolean timedOut;

	JobRun(JobLeases.ActiveJob job) {
		this.job = job;
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
