package dev.storefront.jobs;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * {@code storefront.jobs.added|completed|failed|stalled{queue}} counters, the {@code .duration{queue}}
 * timer of attempts, and the {@code .count{queue,state}} gauges, refreshed by the maintenance loop
 * (a scrape never reaches Redis).
 */
@Component
class JobMetrics {

	private final MeterRegistry registry;

	private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

	JobMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	void added(String queue, long jobs) {
		registry.counter("storefront.jobs.added", "queue", queue).increment(jobs);
	}

	void completed(String queue, Duration took) {
		registry.counter("storefront.jobs.completed", "queue", queue).increment();
		duration(queue).record(took);
	}

	void failed(String queue, Duration took) {
		registry.counter("storefront.jobs.failed", "queue", queue).increment();
		duration(queue).record(took);
	}

	void stalled(String queue, long jobs) {
		registry.counter("storefront.jobs.stalled", "queue", queue).increment(jobs);
	}

	void count(String queue, JobState state, long value) {
		counts.computeIfAbsent(queue + "/" + state.value(), key -> {
			AtomicLong holder = new AtomicLong();
			Gauge.builder("storefront.jobs.count", holder, AtomicLong::get)
				.tags(Tags.of("queue", queue, "state", state.value()))
				.description("Jobs of a queue by state, as of the last maintenance run")
				.register(registry);
			return holder;
		}).set(value);
	}

	private Timer duration(String queue) {
		return Timer.builder("storefront.jobs.duration").tag("queue", queue).register(registry);
	}

}
