package dev.storefront.cart;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Cart settings.
 *
 * @param ttl how long an untouched cart lives; every read and write starts it again
 * @param maxLines most distinct products in one cart (an order takes at most 100 lines)
 */
@ConfigurationProperties("storefront.cart")
record CartProperties(@DefaultValue("30d") Duration ttl, @DefaultValue("50") int maxLines) {
}
