package dev.storefront.cache;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import dev.storefront.support.DevServices;

/** The {@code redis} mode's cache layer (Spring's stock RedisCacheManager) with one cache of {@link Thing}. */
final class StockRedis implements AutoCloseable {

	private final String name;

	private final LettuceConnectionFactory factory;

	private final CacheLayer layer;

	StockRedis(String prefix) {
		this.name = prefix + UUID.randomUUID().toString().substring(0, 8);
		URI uri = URI.create(DevServices.redisUrl());
		this.factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration(uri.getHost(), uri.getPort()));
		this.factory.afterPropertiesSet();
		this.factory.start();
		CacheProperties properties = new CacheProperties(CacheProperties.Mode.REDIS,
				new CacheProperties.Lock(Duration.ofSeconds(5), Duration.ofSeconds(6), Duration.ofMillis(5)), 2, 10_000, 16,
				Map.of(name, TestStack.settings(Duration.ofMinutes(1), Duration.ZERO, 0)));
		this.layer = CacheConfiguration.adapt(CacheConfiguration.stockRedis(properties, factory), properties);
	}

	String name() {
		return name;
	}

	CacheLayer layer() {
		return layer;
	}

	@Override
	public void close() {
		factory.destroy();
	}

}
