package dev.storefront.jobs;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.NestedExceptionUtils;

/**
 * Runs one queue's jobs on this instance. A dispatcher thread leases up to as many jobs as there are
 * free slots ({@code concurrency}) in one script call and hands them to the job threads; a scheduler
 * renews the leases of running jobs, looks for stalled ones and sends heartbeats. While Redis is down
 * the dispatcher backs off (100 ms doubling to 5 s) instead of spinning.
 * <p>
 * {@link #stop()} stops leasing, waits up to the shutdown timeout for running jobs, then abandons
 * them: they are interrupted, nothing is reported, and their leases lapse so another instance runs
 * them again.
 * <p>
 * Over 250 lines on purpose: dispatching, lease renewal, stall checks and the graceful stop all work on
 * the same running-jobs map, slots and threads, and their order at shutdown is the point (stop leasing,
 * wait, abandon); split apart, each part would reach into the others' state. What a job does is
 * {@link JobRunner}; what reaches Redis is {@link JobLeases}.
 */
final class Worker {

	private static final Logger log = LoggerFactory.getLogger(Worker.class);

	private static final long MAX_BACKOFF_MILLIS = 5000;

	private final String queue;

	private final JobsProperties.WorkerSettings settings;

	private final JobLeases leases;

	private final JobRunner runner;

	private final Wakeups.Signal wakeup;

	private final Duration pollInterval;

	private final Duration maintenanceInterval;

	private final Duration shutdownTimeout;

	private final JobMetrics metrics;

	private final String id = UUID.randomUUID().toString();

	private final Semaphore slots;

	private final Map<String, JobRun> running = new ConcurrentHashMap<>();

	private ExecutorService jobThreads;

	private ScheduledExecutorService scheduler;

	private Thread dispatcher;

	private volatile boolean active;

	Worker(String queue, JobHandler handler, JobsProperties.WorkerSettings settings, JobLeases leases, Wakeups wakeups,
			JobMetrics metrics, JsonMapper json, JobsProperties properties) {
		this.queue = queue;
		this.settings = settings;
		this.leases = leases;
		this.runner = new JobRunner(handler, leases, metrics, json, properties.queue(queue).maxBackoff());
		this.wakeup = wakeups.of(queue);
		this.metrics = metrics;
		this.pollInterval = properties.pollInterval();
		this.maintenanceInterval = properties.maintenanceInterval();
		this.shutdownTimeout = properties.shutdownTimeout();
		this.slots = new Semaphore(settings.concurrency());
	}

	String queue() {
		return queue;
	}

	String id() {
		return id;
	}

	JobsProperties.WorkerSettings settings() {
		return settings;
	}

	int runningJobs() {
		return running.size();
	}

	boolean isActive() {
		return active;
	}

	synchronized void start() {
		if (active) {
			return;
		}
		active = true;
		AtomicInteger threads = new AtomicInteger();
		// The slots (a semaphore of `concurrency`) bound the running attempts, not the pool: an attempt that
		// ran past its timeout and ignores interruption keeps its thread after its slot was given back.
		jobThreads = Executors.newCachedThreadPool(task -> daemon(task, "jobs-" + queue + "-" + threads.incrementAndGet()));
		scheduler = Executors.newSingleThreadScheduledExecutor(task -> daemon(task, "jobs-" + queue + "-lease"));
		long renew = Math.max(50, settings.lease().toMillis() / 3);
		scheduler.scheduleWithFixedDelay(this::renewLeases, renew, renew, TimeUnit.MILLISECONDS);
		long maintenance = Math.min(maintenanceInterval.toMillis(), Math.max(100, settings.lease().toMillis() / 2));
		scheduler.scheduleWithFixedDelay(this::maintain, 0, maintenance, TimeUnit.MILLISECONDS);
		dispatcher = daemon(this::dispatch, "jobs-" + queue + "-dispatch");
		dispatcher.start();
		log.info("Worker {} started on queue {} (concurrency {})", id, queue, settings.concurrency());
	}

	/** Graceful stop: see the class comment. */
	void stop() {
		stop(shutdownTimeout);
	}

	void stop(Duration timeout) {
		synchronized (this) {
			if (!active) {
				return;
			}
			active = false;
		}
		dispatcher.interrupt();
		jobThreads.shutdown();
		try {
			if (!jobThreads.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				log.warn("Worker {} abandons {} running jobs of queue {}; their leases will lapse", id, running.size(),
						queue);
				running.values().forEach(JobRun::abandon);
				jobThreads.shutdownNow();
			}
			dispatcher.join(timeout.toMillis() + 1000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		scheduler.shutdownNow();
		try {
			leases.removeWorker(queue, id);
		}
		catch (RuntimeException ex) {
			// Redis is down: the heartbeat entry ages out on its own.
		}
		log.info("Worker {} stopped on queue {}", id, queue);
	}

	private void dispatch() {
		long backoff = 100;
		while (active) {
			int taken = 0;
			try {
				slots.acquire();
				taken = 1 + drainSlots();
				JobLeases.Fetch fetch = leases.moveToActive(queue, id, settings.lease().toMillis(), taken,
						settings.limiter());
				backoff = 100;
				for (JobLeases.ActiveJob job : fetch.jobs()) {
					JobRun run = new JobRun(job, () -> timedOut(job));
					running.put(job.id(), run);
					taken--;
					jobThreads.execute(() -> execute(run));
				}
				slots.release(taken);
				taken = 0;
				if (fetch.jobs().isEmpty()) {
					wakeup.await(idleWait(fetch));
				}
			}
			catch (InterruptedException ex) {
				slots.release(taken);
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				slots.release(taken);
				log.warn("Worker {} cannot lease jobs of queue {}, retrying in {} ms: {}", id, queue, backoff,
						NestedExceptionUtils.getMostSpecificCause(ex).getMessage());
				if (!pause(backoff)) {
					return;
				}
				backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
			}
		}
	}

	private int drainSlots() {
		int more = 0;
		while (slots.tryAcquire()) {
			more++;
		}
		return more;
	}

	private long idleWait(JobLeases.Fetch fetch) {
		long poll = pollInterval.toMillis();
		if (fetch.status() == -2) {
			return Math.max(1, fetch.waitMillis());
		}
		if (fetch.status() == 0 && fetch.waitMillis() >= 0) {
			return Math.max(1, Math.min(poll, fetch.waitMillis()));
		}
		return poll;
	}

	private void execute(JobRun run) {
		try {
			runner.run(run, settings.timeout(), scheduler);
		}
		finally {
			free(run);
		}
	}

	/** Gives the attempt's slot back and stops renewing its lease; once per attempt. */
	private void free(JobRun run) {
		if (run.release()) {
			running.remove(run.job().id(), run);
			slots.release();
		}
	}

	/**
	 * An attempt ran past its timeout. It was interrupted; a handler that ignores that keeps its thread, but
	 * not its slot or its lease: the lease is no longer renewed, so the job stalls and runs again (here or on
	 * another instance), and the stale attempt's outcome is refused (its token is no longer the job's).
	 */
	private void timedOut(JobLeases.ActiveJob job) {
		JobRun run = running.get(job.id());
		if (run != null && run.job() == job) {
			log.warn("Job {}:{} ran past its timeout of {} ms; its lease is left to lapse and its slot is free", queue,
					job.id(), settings.timeout().toMillis());
			free(run);
		}
	}

	private void renewLeases() {
		if (running.isEmpty()) {
			return;
		}
		try {
			List<String> lost = leases.extend(queue, settings.lease().toMillis(),
					running.values().stream().map(JobRun::job).toList());
			lost.forEach(jobId -> {
				JobRun run = running.get(jobId);
				if (run != null) {
					log.warn("Job {}:{} lost its lease; its outcome will be ignored", queue, jobId);
				}
			});
		}
		catch (RuntimeException ex) {
			log.warn("Cannot renew leases on queue {}: {}", queue, NestedExceptionUtils.getMostSpecificCause(ex).getMessage());
		}
	}

	private void maintain() {
		try {
			long[] stalled = leases.checkStalled(queue, settings.maxStalledCount());
			if (stalled[0] + stalled[1] > 0) {
				log.warn("Queue {}: {} stalled jobs back to waiting, {} failed as stalled", queue, stalled[0], stalled[1]);
				metrics.stalled(queue, stalled[0] + stalled[1]);
				wakeup.raise();
			}
			leases.heartbeat(queue, id, "concurrency=" + settings.concurrency() + ",running=" + running.size());
		}
		catch (RuntimeException ex) {
			log.debug("Queue {} maintenance skipped: {}", queue, ex.toString());
		}
	}

	private boolean pause(long millis) {
		try {
			Thread.sleep(millis);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static Thread daemon(Runnable task, String name) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		return thread;
	}

}
