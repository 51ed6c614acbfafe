package dev.storefront.order;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How payment and cancellation use the per-order lock.
 *
 * @param waitTime how long a second call on the same order waits for the first before giving up with 409;
 * long enough to outlast one payment, short enough not to pile up request threads
 */
@ConfigurationProperties("storefront.order.lock")
record OrderLockProperties(@DefaultValue("5s") Duration waitTime) {
}
