package dev.storefront.config;

import java.time.Duration;

import io.lettuce.core.resource.ClientResources;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.boot.data.redis.health.DataRedisHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The cache Redis, apart from the state Redis: the cache evicts ({@code allkeys-lru}) and persists nothing,
 * while carts, sessions and rate-limit logs must never be evicted. Without {@code storefront.redis.cache.*}
 * the cache gets its own connection to the state Redis.
 * <p>
 * The factory is not a default candidate: only {@link CacheRedis} injection points get it, and Boot still
 * creates the state factory (its {@code @ConditionalOnMissingBean} ignores non-default candidates). The
 * {@code redis} health contributor, part of readiness, checks the state Redis only. The cache Redis reports
 * as {@code cacheRedis}, outside readiness: a cache outage degrades reads to PostgreSQL, it does not make an
 * instance unready.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CacheRedisProperties.class)
class CacheRedisConfiguration {

	@Bean(defaultCandidate = false)
	@CacheRedis
	LettuceConnectionFactory cacheRedisConnectionFactory(CacheRedisProperties cache,
			DataRedisConnectionDetails state, DataRedisProperties redis, ObjectProvider<SslBundles> bundles,
			ClientResources resources, ObjectProvider<LettuceClientOptionsBuilderCustomizer> customizers) {
		Duration timeout = cache.timeout() != null ? cache.timeout() : redis.getTimeout();
		Duration connectTimeout = cache.connectTimeout() != null ? cache.connectTimeout() : redis.getConnectTimeout();
		timeout = timeout == null ? Duration.ofSeconds(60) : timeout;
		connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
		if (cache.configured()) {
			CacheRedisConnectionDetails details = new CacheRedisConnectionDetails(cache, bundles.getIfAvailable());
			return LettuceFactories.create(details, details.sslWithoutBundle(), timeout, connectTimeout, resources,
					"storefront-cache", customizers.orderedStream().toList());
		}
		boolean sslWithoutBundle = state.getSslBundle() == null && (redis.getSsl().isEnabled()
				|| (redis.getUrl() != null && redis.getUrl().startsWith("rediss:")));
		return LettuceFactories.create(state, sslWithoutBundle, timeout, connectTimeout, resources,
				"storefront-cache", customizers.orderedStream().toList());
	}

	/**
	 * Replaces Boot's {@code redis} contributor, which would check every {@code RedisConnectionFactory}
	 * bean, the cache one included, and so take readiness down with the cache Redis.
	 */
	@Bean
	HealthIndicator redisHealthIndicator(RedisConnectionFactory state) {
		return new DataRedisHealthIndicator(state);
	}

	@Bean
	HealthIndicator cacheRedisHealthIndicator(@CacheRedis RedisConnectionFactory cacheRedis) {
		return new DataRedisHealthIndicator(cacheRedis);
	}

}
