package dev.storefront.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import dev.storefront.events.DomainEvent;

/**
 * Published when an administrator changes a product's price.
 *
 * @param productId the product
 * @param oldPrice the price before
 * @param newPrice the price now
 */
public record ProductPriceChanged(UUID eventId, Instant occurredAt, long productId, BigDecimal oldPrice,
		BigDecimal newPrice) implements DomainEvent {

	static ProductPriceChanged of(long productId, BigDecimal oldPrice, BigDecimal newPrice) {
		return new ProductPriceChanged(UUID.randomUUID(), Instant.now(), productId, oldPrice, newPrice);
	}

	@Override
	public String aggregateId() {
		return String.valueOf(productId);
	}

	@Override
	public Long userId() {
		return null;
	}

}
