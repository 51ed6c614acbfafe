package dev.storefront.ops;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Wires the Redis monitoring for each Redis the app uses. Today there is one connection factory, reported
 * as {@code state}. When the cache Redis gets its own factory, add it to {@link #redisTargets} as
 * {@code new RedisTarget("cache", cacheFactory)}: the endpoint, the gauges and the dashboard pick it up.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OpsProperties.class)
class OpsConfiguration {

	@Bean
	RedisTargets redisTargets(RedisConnectionFactory state) {
		return new RedisTargets(List.of(new RedisTarget("state", state)));
	}

	@Bean
	RedisReports redisReports(RedisTargets targets, OpsProperties properties) {
		return new RedisReports(targets.all(), new RedisNodes(properties.timeout()),
				new KeySampler(properties.memorySampleKeys(), properties.scanCount()),
				new BigKeys(properties.bigKeys(), properties.bigCollectionElements()),
				new Diagnostics(properties.slowlogEntries(), properties.slowlogArgumentLength()));
	}

	@Bean
	RedisEndpoint redisEndpoint(RedisReports reports) {
		return new RedisEndpoint(reports);
	}

	@Bean
	InfoPoller redisInfoPoller(RedisTargets targets, OpsProperties properties, MeterRegistry registry) {
		return new InfoPoller(targets.all(), new RedisNodes(properties.timeout()), registry, properties.infoInterval());
	}

}
