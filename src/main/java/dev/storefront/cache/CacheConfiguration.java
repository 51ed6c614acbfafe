package dev.storefront.cache;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.lettuce.core.resource.ClientResources;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.CachingConfigurer;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.interceptor.CacheErrorHandler;
import org.springframework.cache.support.NoOpCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.cache.RedisCacheWriter;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.serializer.JacksonJsonRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializationContext;

import dev.storefront.config.CacheRedis;
import dev.storefront.config.RedisServerProperties;

/**
 * Picks the cache layer by {@code storefront.cache.mode}. The cache advice runs outside the
 * transaction advice, so a cache hit never opens a transaction (or borrows a connection).
 */
@Configuration(proxyBeanMethods = false)
@EnableCaching(order = Ordered.LOWEST_PRECEDENCE - 10)
@EnableConfigurationProperties(CacheProperties.class)
class CacheConfiguration implements CachingConfigurer {

	// Lazy: a CachingConfigurer is created early, and an eager MeterRegistry would miss its binders.
	private final ObjectProvider<MeterRegistry> meterRegistry;

	CacheConfiguration(ObjectProvider<MeterRegistry> meterRegistry) {
		this.meterRegistry = meterRegistry;
	}

	/** The name of the cache's breaker in the shared registry ({@code storefront.redis.circuit-breaker}). */
	static final String BREAKER = "cache";

	@Bean
	CacheLayer cacheLayer(CacheProperties properties, @CacheRedis RedisConnectionFactory factory,
			ClientResources resources, MeterRegistry meters, RedisServerProperties server,
			CircuitBreakerRegistry redisCircuitBreakers) {
		return switch (properties.mode()) {
			case TWO_LEVEL -> {
				TwoLevelStack stack = new TwoLevelStack(properties, factory, resources, meters,
						redisCircuitBreakers.circuitBreaker(BREAKER), server.configureKeyspaceEvents());
				yield new CacheLayer(stack.manager(), new TwoLevelTagCache(stack.manager(), stack.context()),
						new TwoLevelBatchCache(stack.manager(), stack.context()), stack);
			}
			case REDIS -> adapt(stockRedis(properties, factory), properties);
			case NONE -> adapt(new NoOpCacheManager(), properties);
		};
	}

	@Bean
	CacheManager cacheManager(CacheLayer layer) {
		return layer.manager();
	}

	@Bean
	TagCache tagCache(CacheLayer layer) {
		return layer.tags();
	}

	@Bean
	BatchCache batchCache(CacheLayer layer) {
		return layer.batch();
	}

	/** Any cache failure that still surfaces (stock mode, encoding) is counted and treated as a miss. */
	@Override
	public CacheErrorHandler errorHandler() {
		return new CacheErrors(meterRegistry::getObject);
	}

	static CacheLayer adapt(CacheManager manager, CacheProperties properties) {
		return new CacheLayer(manager, new SpringTagCache(manager, properties.caches().keySet()),
				new SpringBatchCache(manager, properties.caches().keySet()), null);
	}

	/** Spring's stock RedisCacheManager with the same TTLs and typed JSON, for comparison. */
	static CacheManager stockRedis(CacheProperties properties, RedisConnectionFactory factory) {
		JsonMapper json = JsonMapper.builder().build();
		Map<String, RedisCacheConfiguration> configs = new LinkedHashMap<>();
		properties.caches().forEach((name, settings) -> configs.put(name, RedisCacheConfiguration.defaultCacheConfig()
			.entryTtl(settings.ttl())
			.computePrefixWith(CacheKeys::stockPrefix)
			.serializeValuesWith(RedisSerializationContext.SerializationPair.fromSerializer(new JacksonJsonRedisSerializer<>(
					json, json.getTypeFactory().constructFromCanonical(settings.type()))))));
		// Spring Data Redis 4 writes asynchronously on Lettuce by default (put returns before the SET
		// lands), so a read right after a put could miss: this cache promises read-your-writes.
		RedisCacheManager manager = RedisCacheManager
			.builder(RedisCacheWriter.create(factory, writer -> writer.immediateWrites()))
			.withInitialCacheConfigurations(configs)
			.disableCreateOnMissingCache()
			.transactionAware()
			.build();
		manager.initializeCaches();
		return manager;
	}

}
