package dev.storefront.locking;

import java.time.Duration;

import org.redisson.api.RedissonClient;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one Redisson client of the application. It is used for locks only; caching and sessions stay on
 * Spring Data Redis (Lettuce), and {@code spring.cache.type} is set explicitly so that Redisson's JCache
 * provider is never picked up.
 */
@Configuration(proxyBeanMethods = false)
class LockingConfiguration {

	@Bean(destroyMethod = "shutdown")
	RedissonClient redissonClient(DataRedisConnectionDetails connection, DataRedisProperties redis,
			LockingProperties properties) {
		Duration timeout = redis.getTimeout() == null ? Duration.ofMillis(500) : redis.getTimeout();
		Duration connectTimeout = redis.getConnectTimeout() == null ? timeout : redis.getConnectTimeout();
		return RedissonClients.create(connection, timeout, connectTimeout, properties);
	}

}
