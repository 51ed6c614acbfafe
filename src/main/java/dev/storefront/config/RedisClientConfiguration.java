package dev.storefront.config;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;

import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Lettuce with fail-fast defaults. Out of the box it waits 60 s on a hung server and queues
 * commands while disconnected, replaying them on reconnect (so a write can be applied twice);
 * here commands fail at once while disconnected and time out after {@code spring.data.redis.timeout}.
 */
@Configuration(proxyBeanMethods = false)
class RedisClientConfiguration {

	@Bean
	LettuceClientConfigurationBuilderCustomizer failFastLettuce(DataRedisProperties properties) {
		return builder -> builder.clientOptions(ClientOptions.builder()
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.autoReconnect(true)
			.socketOptions(SocketOptions.builder().connectTimeout(properties.getConnectTimeout()).keepAlive(true).build())
			.timeoutOptions(TimeoutOptions.enabled(properties.getTimeout()))
			.build());
	}

	/**
	 * The one registry of Redis circuit breakers; each user names its breaker and passes its own config.
	 */
	@Bean
	CircuitBreakerRegistry redisCircuitBreakers() {
		return CircuitBreakerRegistry.ofDefaults();
	}

}
