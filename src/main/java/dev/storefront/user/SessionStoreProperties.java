package dev.storefront.user;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the session store (Spring Session on Redis) is used. When it counts as down is the
 * {@code session-store} breaker's business: {@code storefront.redis.circuit-breaker.instances.session-store}.
 *
 * @param touchThreshold a request writes the session's last-access time (and pushes its expiry keys) only
 * when the stored one is at least this old; sliding expiry is exact to within this (1/20 of the 30 min timeout)
 */
@ConfigurationProperties("storefront.session.store")
record SessionStoreProperties(@DefaultValue("90s") Duration touchThreshold) {
}
