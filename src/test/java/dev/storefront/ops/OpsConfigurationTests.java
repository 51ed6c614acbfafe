package dev.storefront.ops;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

class OpsConfigurationTests {

	private final LettuceConnectionFactory state = new LettuceConnectionFactory(
			new RedisStandaloneConfiguration("redis-state", 6379));

	@Test
	void aCacheRedisOnAnotherServerIsMonitoredAsCache() {
		LettuceConnectionFactory cache = new LettuceConnectionFactory(new RedisStandaloneConfiguration("redis-cache", 6379));

		assertThat(new OpsConfiguration().redisTargets(state, provider(cache)).all()).extracting(RedisTarget::name)
			.containsExactly("state", "cache");
	}

	@Test
	void aCacheOnTheStateRedisIsMonitoredOnceAsState() {
		LettuceConnectionFactory sameServer = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("redis-state", 6379));

		assertThat(new OpsConfiguration().redisTargets(state, provider(sameServer)).all()).extracting(RedisTarget::name)
			.containsExactly("state");
		assertThat(new OpsConfiguration().redisTargets(state, provider(null)).all()).hasSize(1);
	}

	@Test
	void clustersAreComparedByTheirNodes() {
		LettuceConnectionFactory one = new LettuceConnectionFactory(new RedisClusterConfiguration(
				java.util.List.of("10.0.0.1:7000", "10.0.0.2:7000")));
		LettuceConnectionFactory same = new LettuceConnectionFactory(new RedisClusterConfiguration(
				java.util.List.of("10.0.0.2:7000", "10.0.0.1:7000")));
		LettuceConnectionFactory other = new LettuceConnectionFactory(new RedisClusterConfiguration(
				java.util.List.of("10.0.0.3:7000")));

		assertThat(RedisServers.same(one, same)).isTrue();
		assertThat(RedisServers.same(one, other)).isFalse();
		assertThat(RedisServers.same(one, state)).isFalse();
	}

	private static ObjectProvider<RedisConnectionFactory> provider(RedisConnectionFactory factory) {
		DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
		if (factory != null) {
			beans.registerSingleton("cache", factory);
		}
		return beans.getBeanProvider(RedisConnectionFactory.class);
	}

}
