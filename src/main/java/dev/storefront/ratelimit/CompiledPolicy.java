package dev.storefront.ratelimit;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

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
		RedisCircuitBreaker breaker) {

	static CompiledPolicy of(String name, RateLimitProperties.Policy policy, Limiter limiter) {
		return of(name, policy, limiter, new RateLimitProperties.CircuitBreaker(3, java.time.Duration.ofSeconds(5)));
	}

	/**
	 * Each policy gets its own breaker: a burst of token-bucket timeouts under load must not make the
	 * fail-closed login policy refuse logins whose own script still answers.
	 */
	static CompiledPolicy of(String name, RateLimitProperties.Policy policy, Limiter limiter,
			RateLimitProperties.CircuitBreaker breaker) {
		List<PathPattern> paths = policy.match().paths().stream().map(PathPatternParser.defaultInstance::parse).toList();
		Set<String> methods = policy.match().methods().stream()
			.map(m -> m.strip().toUpperCase(Locale.ROOT))
			.collect(Collectors.toUnmodifiableSet());
		return new CompiledPolicy(name, paths, methods, policy.match().audience(),
				Subjects.parse(policy.key(), policy.apiKeyHeader()), Subjects.needsBody(policy.key()), limiter,
				policy.onRedisFailure(), new RedisCircuitBreaker(breaker.failureThreshold(), breaker.openFor()));
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
