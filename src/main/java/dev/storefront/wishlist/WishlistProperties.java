package dev.storefront.wishlist;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Wishlist settings.
 *
 * @param maxProducts most products on one user's wishlist; adding one more answers 409
 * @param fanoutBatch followers read per SSCAN step of an alert fan-out, and checked in one pipeline
 */
@ConfigurationProperties("storefront.wishlist")
record WishlistProperties(@DefaultValue("500") int maxProducts, @DefaultValue("500") int fanoutBatch) {
}
