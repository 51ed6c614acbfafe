package dev.storefront.analytics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Where best-effort recording reports what it lost: {@code storefront.analytics.lost} by
 * {@code measure}, plus a debug log. Counting must never fail the request being counted.
 */
@Component
class RecordingFailures {

	private static final Logger log = LoggerFactory.getLogger(RecordingFailures.class);

	private final MeterRegistry registry;

	RecordingFailures(MeterRegistry registry) {
		this.registry = registry;
	}

	void lost(String measure, RuntimeException ex) {
		Counter.builder("storefront.analytics.lost")
			.description("Analytics events not recorded because Redis failed")
			.tag("measure", measure)
			.register(registry)
			.increment();
		log.debug("Lost one {} event: {}", measure, ex.toString());
	}

}
