package dev.storefront.user;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the session store (Spring Session on Redis) is used and when it counts as down.
 *
 * @param touchThreshold a request writes the session's last-access time (and pushes its expiry keys) only
 * when the stored one is at least this old; sliding expiry is exact to within this (1/20 of the 30 min timeout)
 * @param failureRateThreshold percentage of failed session-store calls in the window that opens the breaker
 * @param minimumCalls calls in the window before the failure rate counts
 * @param slidingWindow how many recent calls the failure rate is taken over
 * @param openFor how long the open breaker skips the store before letting probes through; also the
 * {@code Retry-After} of a 503
 * @param probes calls let through while half-open; all succeeding closes the breaker
 */
@ConfigurationProperties("storefront.session.store")
record SessionStoreProperties(@DefaultValue("90s") Duration touchThreshold,
		@DefaultValue("50") float failureRateThreshold, @DefaultValue("5") int minimumCalls,
		@DefaultValue("20") int slidingWindow, @DefaultValue("5s") Duration openFor, @DefaultValue("2") int probes) {
}
