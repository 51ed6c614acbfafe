package dev.storefront.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How far the application may change the Redis server's own settings.
 *
 * @param configureKeyspaceEvents whether the app may send {@code CONFIG GET/SET notify-keyspace-events}
 * (Spring Session's indexed repository and the cache pre-warm need {@code Egx}). {@code true} suits a dev
 * Redis; set {@code false} in production, where the ACL user cannot run CONFIG and the server's conf file
 * sets {@code notify-keyspace-events} (see docs/deployment.md): then no CONFIG command is ever sent.
 */
@ConfigurationProperties("storefront.redis")
public record RedisServerProperties(@DefaultValue("true") boolean configureKeyspaceEvents) {
}
