package dev.storefront.locking;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the Redisson client behind {@link DistributedLocks}. The address, credentials and
 * timeouts come from {@code spring.data.redis.*}; only what is specific to locks lives here.
 *
 * @param watchdogTimeout lease of a lock taken without an explicit lease; the watchdog renews it every
 * third of this while the holder runs, so a dead holder's lock frees itself after at most this long
 * @param connectionPoolSize most command connections per Redis node; locks need few (one round trip each)
 * @param connectionMinimumIdle command connections kept open per node
 * @param subscriptionPoolSize most pub/sub connections; waiters listen for unlock messages on them and
 * one connection carries many channels
 * @param subscriptionMinimumIdle pub/sub connections kept open
 * @param nettyThreads Netty event-loop threads of the client (Redisson's default is 32)
 * @param retryAttempts how often a failed command is retried before the caller sees the failure; small,
 * so a Redis outage gives a quick 503 instead of a hang
 * @param retryDelay pause between those retries
 * @param subscriptionTimeout how long a waiter may take to subscribe to the unlock channel. Only contended
 * callers subscribe, and they are prepared to wait anyway; a burst of waiters queues on one channel, so
 * the 500 ms command timeout would be too tight here. Uncontended calls still fail within the command timeout.
 */
@ConfigurationProperties("storefront.locking")
record LockingProperties(@DefaultValue("30s") Duration watchdogTimeout, @DefaultValue("12") int connectionPoolSize,
		@DefaultValue("2") int connectionMinimumIdle, @DefaultValue("2") int subscriptionPoolSize,
		@DefaultValue("1") int subscriptionMinimumIdle, @DefaultValue("4") int nettyThreads,
		@DefaultValue("1") int retryAttempts, @DefaultValue("100ms") Duration retryDelay,
		@DefaultValue("3s") Duration subscriptionTimeout) {
}
