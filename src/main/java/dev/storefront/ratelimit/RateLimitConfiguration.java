package dev.storefront.ratelimit;

import java.time.Clock;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * Registers the rate limit filter right after Spring Security's filter chain (one servlet filter at
 * {@code spring.security.filter.order}), so the principal is known and nothing before security is limited.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
class RateLimitConfiguration {

	@Bean
	RateLimiting rateLimiting(RateLimitProperties properties, RedisConnectionFactory connectionFactory,
			StringRedisTemplate redis, MeterRegistry meters, JsonMapper json, CircuitBreakerRegistry redisCircuitBreakers) {
		return new RateLimiting(properties, (LettuceConnectionFactory) connectionFactory, redis, meters, json,
				Clock.systemUTC(), redisCircuitBreakers);
	}

	/** Also when the filter is disabled: the realtime connection caps count per client address with it. */
	@Bean
	ClientAddresses clientAddresses(RateLimitProperties properties) {
		return new ClientAddresses(new ClientIp(properties.trustedProxies(), properties.ipv4PrefixLength(),
				properties.ipv6PrefixLength()));
	}

	@Bean
	FilterRegistrationBean<RateLimitFilter> rateLimitFilter(RateLimiting rateLimiting, RateLimitProperties properties,
			SecurityFilterProperties security) {
		FilterRegistrationBean<RateLimitFilter> registration = new FilterRegistrationBean<>(rateLimiting.filter());
		registration.setName("rateLimitFilter");
		registration.setOrder(security.getOrder() + 1);
		registration.setEnabled(properties.enabled());
		return registration;
	}

}
