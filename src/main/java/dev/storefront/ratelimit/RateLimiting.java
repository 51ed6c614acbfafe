package dev.storefront.ratelimit;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.web.util.pattern.PathPatternParser;

import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the filter and its limiters from the properties. Kept apart from Spring configuration so tests
 * can build several independent stacks (one per simulated instance) against one Redis.
 */
final class RateLimiting implements DisposableBean {

	private final BucketProxies buckets;

	private final RateLimitFilter filter;

	RateLimiting(RateLimitProperties properties, LettuceConnectionFactory connectionFactory, StringRedisTemplate redis,
			MeterRegistry meters, JsonMapper json, Clock localClock, CircuitBreakerRegistry breakers) {
		// Token buckets are computed on this instance: give them Redis's time, like the Lua scripts have.
		Clock clock = new RedisClock(redis, localClock, properties.clockRefresh());
		this.buckets = new BucketProxies(connectionFactory, clock, properties.timeout());
		List<CompiledPolicy> policies = new ArrayList<>();
		for (Map.Entry<String, RateLimitProperties.Policy> entry : properties.policies().entrySet()) {
			RateLimitProperties.Policy policy = entry.getValue();
			if (policy.enabled()) {
				policies.add(CompiledPolicy.of(entry.getKey(), policy, limiter(entry.getKey(), policy, redis, clock),
						breakers.circuitBreaker(CompiledPolicy.breakerName(entry.getKey()))));
			}
		}
		this.filter = new RateLimitFilter(policies,
				properties.exemptPaths().stream().map(PathPatternParser.defaultInstance::parse).toList(),
				new ClientIp(properties.trustedProxies(), properties.ipv4PrefixLength(), properties.ipv6PrefixLength()), json, properties.maxKeyBody().toBytes(),
				new RateLimitMetrics(meters), new FailureLog(properties.failureLogInterval()));
	}

	private Limiter limiter(String name, RateLimitProperties.Policy policy, StringRedisTemplate redis, Clock clock) {
		return switch (policy.algorithm()) {
			case TOKEN_BUCKET -> new TokenBucketLimiter(buckets, name, policy.bandwidths(), clock, policy.syncEvery(),
					policy.syncMaxTokens());
			case FIXED_WINDOW -> ScriptedLimiter.fixedWindow(redis, name, policy.limit(), policy.window().toMillis());
			case SLIDING_LOG -> ScriptedLimiter.slidingLog(redis, name, policy.limit(), policy.window().toMillis());
		};
	}

	RateLimitFilter filter() {
		return filter;
	}

	@Override
	public void destroy() {
		buckets.destroy();
	}

}
