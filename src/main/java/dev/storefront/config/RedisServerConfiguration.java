package dev.storefront.config;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.data.redis.config.ConfigureRedisAction;

/**
 * Applies {@code storefront.redis.configure-keyspace-events=false}: Spring Session then leaves
 * {@code notify-keyspace-events} to the server's conf instead of sending CONFIG SET at startup (which an
 * ACL user without CONFIG would fail on). Otherwise {@link KeyspaceEvents} adds what sessions need. The
 * cache pre-warm reads the same switch.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RedisServerProperties.class)
class RedisServerConfiguration {

	@Bean
	@ConditionalOnProperty(name = "storefront.redis.configure-keyspace-events", havingValue = "false")
	ConfigureRedisAction keyspaceEventsFromServerConf() {
		return ConfigureRedisAction.NO_OP;
	}

	/**
	 * Instead of Spring Session's own action, which on a Cluster misreads the per-node CONFIG GET answer
	 * and overwrites every node's flags: adds only the missing {@code Egx}.
	 */
	@Bean
	@ConditionalOnProperty(name = "storefront.redis.configure-keyspace-events", havingValue = "true",
			matchIfMissing = true)
	ConfigureRedisAction keyspaceEventsForSessions() {
		return connection -> KeyspaceEvents.enable(connection, "Egx");
	}

}
