package dev.storefront.config;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.ReadFrom;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Lettuce with fail-fast defaults. Out of the box it waits 60 s on a hung server and queues
 * commands while disconnected, replaying them on reconnect (so a write can be applied twice);
 * here commands fail at once while disconnected and time out after {@code spring.data.redis.timeout}.
 * <p>
 * It customizes the options builder Boot prepared rather than replacing the options: that builder is
 * already a {@code ClusterClientOptions} builder (topology refresh) on a Cluster and carries the SSL
 * bundle's trust material on {@code rediss://}; the cache connection ({@link CacheRedisConfiguration})
 * applies the same customizers.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RedisCircuitBreakerProperties.class)
class RedisClientConfiguration {

	@Bean
	LettuceClientOptionsBuilderCustomizer failFastLettuce(DataRedisProperties properties) {
		return builder -> builder.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.autoReconnect(true)
			.socketOptions(SocketOptions.builder().connectTimeout(properties.getConnectTimeout()).keepAlive(true).build())
			.timeoutOptions(TimeoutOptions.enabled(properties.getTimeout()));
	}

	/**
	 * On a Cluster the state connections (sessions, carts, rate limits, queues, streams) read from the masters,
	 * stated rather than left to the default: a replica lags, and a write followed by a read must see the write
	 * (decision 0091). It overrides {@code spring.data.redis.lettuce.read-from} on purpose. Not on Sentinel or
	 * standalone: there Lettuce already talks to the master only, and any read-from would switch Spring Data
	 * Redis to a master/replica connection.
	 */
	@Bean
	LettuceClientConfigurationBuilderCustomizer readFromMasters(DataRedisConnectionDetails details) {
		return builder -> {
			if (details.getCluster() != null) {
				builder.readFrom(ReadFrom.UPSTREAM);
			}
		};
	}

	/**
	 * The one registry of Redis circuit breakers (cache, rate limit policies, session store), all of one
	 * shape: {@code storefront.redis.circuit-breaker.*}.
	 */
	@Bean
	CircuitBreakerRegistry redisCircuitBreakers(RedisCircuitBreakerProperties properties) {
		return RedisCircuitBreakers.registry(properties);
	}

}
