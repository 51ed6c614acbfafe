package dev.storefront.ratelimit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code storefront.ratelimit.requests{policy,result}} with result {@code allowed}, {@code rejected} or
 * {@code error} (Redis could not be asked; the policy's failure mode decided).
 */
final class RateLimitMetrics {

	static final String REQUESTS = "storefront.ratelimit.requests";

	private final MeterRegistry registry;

	private final Map<String, Counter> counters = new ConcurrentHashMap<>();

	RateLimitMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	void allowed(String policy) {
		counter(policy, "allowed").increment();
	}

	void rejected(String policy) {
		counter(policy, "rejected").increment();
	}

	void error(String policy) {
		counter(policy, "error").increment();
	}

	private Counter counter(String policy, String result) {
		return counters.computeIfAbsent(policy + '\n' + result, k -> Counter.builder(REQUESTS)
			.description("Requests checked by a rate limit policy, by outcome")
			.tag("policy", policy)
			.tag("result", result)
			.register(registry));
	}

}
