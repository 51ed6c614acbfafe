package dev.storefront.ops;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.registry.EntryAddedEvent;

/**
 * The state of every Redis breaker and when it last changed: resilience4j knows the state but not since
 * when, so this listens to each breaker's transitions, including breakers created later.
 */
final class BreakerStates {

	private final CircuitBreakerRegistry registry;

	private final Clock clock;

	private final Map<String, Instant> changed = new ConcurrentHashMap<>();

	BreakerStates(CircuitBreakerRegistry registry, Clock clock) {
		this.registry = registry;
		this.clock = clock;
		registry.getAllCircuitBreakers().forEach(this::watch);
		registry.getEventPublisher().onEntryAdded((EntryAddedEvent<CircuitBreaker> event) -> watch(event.getAddedEntry()));
	}

	List<OpsSnapshot.BreakerFigures> all() {
		return registry.getAllCircuitBreakers()
			.stream()
			.map(breaker -> new OpsSnapshot.BreakerFigures(breaker.getName(), breaker.getState().name(),
					changed.get(breaker.getName())))
			.sorted(Comparator.comparing(OpsSnapshot.BreakerFigures::name))
			.toList();
	}

	private void watch(CircuitBreaker breaker) {
		breaker.getEventPublisher().onStateTransition(event -> changed.put(breaker.getName(), clock.instant()));
	}

}
