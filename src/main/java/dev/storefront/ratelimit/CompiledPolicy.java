package dev.storefront.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import dev.storefront.ratelimit.RateLimitProperties.Audience;
import dev.storefront.ratelimit.RateLimitProperties.FailureMode;

/**
 * A policy ready to use: its request matcher, subject function and limiter.
 */
record CompiledPolicy(String name, List<PathPattern> paths, Set<String> methods, Audience audience,
		Function<RequestFacts, Optional<String>> subject, boolean needsBody, Limiter limiter, FailureMode onFailure,
		CircuitBreaker breaker, Set<Integer> countedStatuses) {

	static CompiledPolicy of(String name, RateLimitProperties.Policy policy, Limiter limiter) {
		return of(name, policy, limiter, CircuitBreaker.ofDefaults(breakerName(name)));
	}

	/**
	 * Each policy gets its own breaker ({@link #breakerName}): a burst of token-bucket timeouts under load
	 * must not make the fail-closed login policy refuse logins whose own script still answers.
	 */
	static CompiledPolicy of(String name, RateLimitProperties.Policy policy, Limiter limiter, CircuitBreaker breaker) {
		List<PathPattern> paths = policy.match().paths().stream().map(PathPatternParser.defaultInstance::parse).toList();
		Set<String> methods = policy.match().methods().stream()
			.map(m -> m.strip().toUpperCase(Locale.ROOT))
			.collect(Collectors.toUnmodifiableSet());
		return new CompiledPolicy(name, paths, methods, policy.match().audience(),
				Subjects.parse(policy.key(), policy.apiKeyHeader()), Subjects.needsBody(policy.key()), limiter,
				policy.onRedisFailure(), breaker, Set.copyOf(policy.countedStatuses()));
	}

	/** Whether a request counts only by its outcome, so it is given back unless its status is counted. */
	boolean countsOutcomes() {
		return !countedStatuses.isEmpty();
	}

	/** Whether a response with this status stays counted. */
	boolean counts(int status) {
		return countedStatuses.isEmpty() || countedStatuses.contains(status);
	}

	/** The policy's breaker in the shared registry: {@code ratelimit.<policy>}. */
	static String breakerName(String policy) {
		return "ratelimit." + policy;
	}

	/** A sensible {@code Retry-After} for fail-closed policies: the open period while the breaker is open. */
	Duration retryAfter() {
		if (breaker.getState() == CircuitBreaker.State.OPEN) {
			return Duration.ofMillis(breaker.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1));
		}
		return Duration.ofSeconds(1);
	}

	/** Path and method only: cheap, and decides whether the body must be read. */
	boolean matches(String method, PathContainer path) {
		if (!methods.isEmpty() && !methods.contains(method)) {
			return false;
		}
		if (paths.isEmpty()) {
			return true;
		}
		for (PathPattern pattern : paths) {
			if (pattern.matches(path)) {
				return true;
			}
		}
		return false;
	}

	boolean appliesTo(RequestFacts facts) {
		return switch (audience) {
			case ANY -> true;
			case ANONYMOUS -> facts.user().isEmpty();
			case AUTHENTICATED -> facts.user().isPresent();
		};
	}

}
