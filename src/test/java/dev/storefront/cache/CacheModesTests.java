package dev.storefront.cache;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.CacheManager;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import dev.storefront.config.CacheRedis;
import dev.storefront.config.RedisServerProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The comparison modes wire: one bean of each cache API (the benchmark starts the app in every mode, and
 * an ambiguous bean once kept {@code redis} and {@code none} from starting at all). Nothing connects to
 * Redis here: the stock manager only connects on first use.
 */
class CacheModesTests {

	@ParameterizedTest
	@ValueSource(strings = { "redis", "none" })
	void eachModeExposesOneManagerOneTagCacheAndOneBatchCache(String mode) {
		ClientResources resources = DefaultClientResources.create();
		try {
			new ApplicationContextRunner().withUserConfiguration(CacheConfiguration.class)
				.withBean("cacheRedisConnectionFactory", RedisConnectionFactory.class,
						() -> new LettuceConnectionFactory("127.0.0.1", 1),
						definition -> ((AbstractBeanDefinition) definition)
							.addQualifier(new AutowireCandidateQualifier(CacheRedis.class)))
				.withBean(RedisServerProperties.class, () -> new RedisServerProperties(false))
				.withBean(ClientResources.class, () -> resources)
				.withBean(CircuitBreakerRegistry.class, CircuitBreakerRegistry::ofDefaults)
				.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
				.withPropertyValues("storefront.cache.mode=" + mode,
						"storefront.cache.caches.product.type=java.lang.String",
						"storefront.cache.caches.product.ttl=1m")
				.run(context -> {
					assertThat(context).hasNotFailed();
					assertThat(context).hasSingleBean(CacheManager.class);
					assertThat(context).hasSingleBean(TagCache.class);
					assertThat(context).hasSingleBean(BatchCache.class);
				});
		}
		finally {
			resources.shutdown();
		}
	}

}
