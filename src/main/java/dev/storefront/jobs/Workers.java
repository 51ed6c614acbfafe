package dev.storefront.jobs;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Starts a {@link Worker} for every {@link JobHandler} bean whose queue has its worker enabled, stops
 * them gracefully with the context, and refreshes the count gauges of the configured queues.
 */
@Component
class Workers implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(Workers.class);

	private final ObjectProvider<JobHandler> handlers;

	private final JobsProperties properties;

	private final JobLeases leases;

	private final JobStore store;

	private final Wakeups wakeups;

	private final JobMetrics metrics;

	private final JsonMapper json;

	private final List<Worker> workers = new CopyOnWriteArrayList<>();

	private ScheduledExecutorService gauges;

	private volatile boolean running;

	Workers(ObjectProvider<JobHandler> handlers, JobsProperties properties, JobLeases leases, JobStore store,
			Wakeups wakeups, JobMetrics metrics, JsonMapper json) {
		this.handlers = handlers;
		this.properties = properties;
		this.leases = leases;
		this.store = store;
		this.wakeups = wakeups;
		this.metrics = metrics;
		this.json = json;
	}

	/** A worker for {@code queue} with explicit settings, not started and not managed by this registry. */
	Worker create(String queue, JobHandler handler, JobsProperties.WorkerSettings settings) {
		return new Worker(queue, handler, settings, leases, wakeups, metrics, json, properties);
	}

	/** The workers of this instance. */
	List<Worker> all() {
		return List.copyOf(workers);
	}

	@Override
	public void start() {
		if (properties.workersEnabled()) {
			handlers.orderedStream().forEach(handler -> {
				JobsProperties.WorkerSettings settings = properties.queue(handler.queue()).worker();
				if (settings.enabled()) {
					Worker worker = create(handler.queue(), handler, settings);
					worker.start();
					workers.add(worker);
				}
			});
		}
		gauges = Executors.newSingleThreadScheduledExecutor(task -> {
			Thread thread = new Thread(task, "jobs-gauges");
			thread.setDaemon(true);
			return thread;
		});
		long every = properties.maintenanceInterval().toMillis();
		gauges.scheduleWithFixedDelay(this::refreshGauges, 0, every, TimeUnit.MILLISECONDS);
		running = true;
	}

	@Override
	public void stop() {
		running = false;
		if (gauges != null) {
			gauges.shutdownNow();
		}
		// Stop in parallel: each waits up to the shutdown timeout for its running jobs.
		workers.parallelStream().forEach(Worker::stop);
		workers.clear();
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/** Stop before the Redis connection factory and the web server's graceful phase end. */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 2048;
	}

	private void refreshGauges() {
		for (String queue : properties.queues().keySet()) {
			try {
				store.counts(queue).forEach((state, count) -> metrics.count(queue, state, count));
			}
			catch (RuntimeException ex) {
				log.debug("Job gauges of {} not refreshed: {}", queue, ex.toString());
			}
		}
	}

}
