package dev.storefront.jobs;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.springframework.stereotype.Component;

/**
 * What {@code GET /api/admin/queues} shows per queue: counts by state, paused, the live workers of all
 * instances (from their heartbeats), and the limiter.
 */
@Component
class QueueOverview {

	private final Queues queues;

	private final JobStore store;

	private final Workers workers;

	private final JobsProperties properties;

	QueueOverview(Queues queues, JobStore store, Workers workers, JobsProperties properties) {
		this.queues = queues;
		this.store = store;
		this.workers = workers;
		this.properties = properties;
	}

	List<QueueInfo> all() {
		TreeSet<String> names = new TreeSet<>(properties.queues().keySet());
		workers.all().forEach(w -> names.add(w.queue()));
		return names.stream().map(this::of).toList();
	}

	QueueInfo of(String queue) {
		JobsProperties.WorkerSettings worker = properties.queue(queue).worker();
		long staleAfter = 3 * Math.min(properties.maintenanceInterval().toMillis(), worker.lease().toMillis());
		Map<String, Long> counts = new java.util.LinkedHashMap<>();
		queues.counts(queue).forEach((state, count) -> counts.put(state.value(), count));
		return new QueueInfo(queue, queues.isPaused(queue), counts, store.workers(queue, staleAfter),
				new LimiterInfo(worker.limiter().max(), worker.limiter().duration().toString()));
	}

	/** One queue's state. */
	record QueueInfo(String name, boolean paused, Map<String, Long> counts, Map<String, String> workers,
			LimiterInfo limiter) {
	}

	/** The queue's limiter: {@code max} jobs per {@code duration} across instances (0 = none). */
	record LimiterInfo(int max, String duration) {
	}

}
