package dev.storefront.ops;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import dev.storefront.config.CacheRedis;
import dev.storefront.user.SecretKeys;

/**
 * Wires the Redis monitoring for each Redis the app uses: {@code state} (the default connection factory)
 * and {@code cache} (the {@link CacheRedis} factory) when {@code storefront.redis.cache.*} points it at
 * another server. Without that, the cache lives on the state Redis and is reported once, as {@code state}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OpsProperties.class)
class OpsConfiguration {

	@Bean
	RedisTargets redisTargets(RedisConnectionFactory state, @CacheRedis ObjectProvider<RedisConnectionFactory> cache) {
		List<RedisTarget> targets = new ArrayList<>(List.of(new RedisTarget("state", state)));
		RedisConnectionFactory cacheFactory = cache.getIfAvailable();
		if (cacheFactory != null && !RedisServers.same(state, cacheFactory)) {
			targets.add(new RedisTarget("cache", cacheFactory));
		}
		return new RedisTargets(targets);
	}

	@Bean
	RedisReports redisReports(RedisTargets targets, OpsProperties properties, SecretKeys secrets) {
		List<String> redacted = new ArrayList<>(secrets.prefixes());
		redacted.addAll(properties.redactedKeyPrefixes());
		KeyRedaction redaction = new KeyRedaction(redacted);
		return new RedisReports(targets.all(), new RedisNodes(properties.timeout()),
				new KeySampler(properties.memorySampleKeys(), properties.scanCount()),
				new BigKeys(properties.bigKeys(), properties.bigCollectionElements()),
				new Diagnostics(properties.slowlogEntries(), properties.slowlogArgumentLength(), redaction), redaction);
	}

	@Bean
	RedisEndpoint redisEndpoint(RedisReports reports) {
		return new RedisEndpoint(reports);
	}

	@Bean
	SnapshotBroadcaster opsSnapshots(MeterRegistry registry, CircuitBreakerRegistry breakers, InfoPoller info,
			JsonMapper json, OpsProperties properties) {
		Clock clock = Clock.systemUTC();
		SnapshotBuilder builder = new SnapshotBuilder(registry, new BreakerStates(breakers, clock), info, clock);
		return new SnapshotBroadcaster(builder, info, json, properties.consoleInterval(), registry);
	}

	@Bean
	InfoPoller redisInfoPoller(RedisTargets targets, OpsProperties properties, MeterRegistry registry) {
		return new InfoPoller(targets.all(), new RedisNodes(properties.timeout()), registry, properties.infoInterval());
	}

}
