package dev.storefront.config;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.data.redis.config.ConfigureRedisAction;

/**
 * Applies {@code storefront.redis.configure-keyspace-events=false}: Spring Session then leaves
 * {@code notify-keyspace-events} to the server's conf instead of sending CONFIG SET at startup (which an
 * ACL user without CONFIG would fail on). The cache pre-warm reads the same switch.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RedisServerProperties.class)
class RedisServerConfiguration {

	@Bean
	@ConditionalOnProperty(name = "storefront.redis.configure-keyspace-events", havingValue = "false")
	ConfigureRedisAction keyspaceEventsFromServerConf() {
		return ConfigureRedisAction.NO_OP;
	}

}
