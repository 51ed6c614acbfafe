package dev.storefront.ratelimit;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.ServletException;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import tools.jackson.databind.json.JsonMapper;

import dev.storefront.config.RedisCircuitBreakerProperties;
import dev.storefront.config.RedisCircuitBreakers;

/**
 * One "application instance" of the rate limiter without Spring: its own Redis client (fail-fast, like
 * the app's), meters and clock, and the filter. Several stacks on one Redis act like several instances.
 */
final class RateLimitStack implements AutoCloseable {

	final LettuceConnectionFactory connections;

	final StringRedisTemplate redis;

	final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	final RateLimiting rateLimiting;

	private RateLimitStack(String redisUrl, RateLimitProperties properties, Clock clock,
			RedisCircuitBreakerProperties breakers) {
		RedisURI uri = RedisURI.create(redisUrl);
		Duration timeout = Duration.ofMillis(500);
		LettuceClientConfiguration client = LettuceClientConfiguration.builder()
			.commandTimeout(timeout)
			.clientOptions(ClientOptions.builder()
				.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
				.autoReconnect(true)
				.socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(2)).build())
				.timeoutOptions(TimeoutOptions.enabled(timeout))
				.build())
			.build();
		connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration(uri.getHost(), uri.getPort()),
				client);
		connections.afterPropertiesSet();
		connections.start();
		redis = new StringRedisTemplate(connections);
		rateLimiting = new RateLimiting(properties, connections, redis, meters, JsonMapper.builder().build(), clock,
				RedisCircuitBreakers.registry(breakers));
	}

	static RateLimitStack on(String redisUrl, RateLimitProperties properties) {
		return new RateLimitStack(redisUrl, properties, Clock.systemUTC(), defaultBreakers());
	}

	/** With the given settings of the shared Redis circuit breakers ({@code storefront.redis.circuit-breaker}). */
	static RateLimitStack on(String redisUrl, RateLimitProperties properties, RedisCircuitBreakerProperties breakers) {
		return new RateLimitStack(redisUrl, properties, Clock.systemUTC(), breakers);
	}

	static RateLimitStack on(String redisUrl, RateLimitProperties properties, Clock clock) {
		return new RateLimitStack(redisUrl, properties, clock, defaultBreakers());
	}

	private static RedisCircuitBreakerProperties defaultBreakers() {
		return new Binder(new MapConfigurationPropertySource(Map.of())).bindOrCreate("storefront.redis.circuit-breaker",
				RedisCircuitBreakerProperties.class);
	}

	/** Binds {@code storefront.ratelimit.*} from flat properties, exactly as Spring Boot would. */
	static RateLimitProperties bind(Map<String, ?> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("storefront.ratelimit",
				RateLimitProperties.class);
	}

	/** The shipped defaults: {@code storefront.ratelimit} of the main {@code application.yml}. */
	static RateLimitProperties defaults() {
		try {
			List<PropertySource<?>> yaml = new YamlPropertySourceLoader().load("application",
					new ClassPathResource("application.yml"));
			return new Binder(ConfigurationPropertySources.from(yaml)).bindOrCreate("storefront.ratelimit",
					RateLimitProperties.class);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Runs a request through the filter; the result says whether it reached the rest of the chain. */
	Result send(MockHttpServletRequest request) {
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();
		try {
			rateLimiting.filter().doFilter(request, response, chain);
		}
		catch (IOException | ServletException ex) {
			throw new IllegalStateException(ex);
		}
		return new Result(response, chain.getRequest() != null ? (jakarta.servlet.http.HttpServletRequest) chain.getRequest() : null);
	}

	double count(String policy, String result) {
		var counter = meters.find(RateLimitMetrics.REQUESTS).tags("policy", policy, "result", result).counter();
		return counter == null ? 0 : counter.count();
	}

	@Override
	public void close() {
		rateLimiting.destroy();
		connections.destroy();
	}

	/** A response and the request the rest of the chain saw (null if the filter answered itself). */
	record Result(MockHttpServletResponse response, jakarta.servlet.http.HttpServletRequest forwarded) {

		boolean passed() {
			return forwarded != null;
		}

		int status() {
			return response.getStatus();
		}

		String header(String name) {
			return response.getHeader(name);
		}

	}

}
