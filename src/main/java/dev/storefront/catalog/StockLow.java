package dev.storefront.catalog;

import java.time.Instant;
import java.util.UUID;

import dev.storefront.events.DomainEvent;

/**
 * Published when a product's stock falls below {@code storefront.events.low-stock-threshold}: only on
 * the change that crosses it, not on every sale below it. It leaves the process after the commit.
 *
 * @param productId the product
 * @param stock the units left
 */
public record StockLow(UUID eventId, Instant occurredAt, long productId, int stock) implements DomainEvent {

	static StockLow of(long productId, int stock) {
		return new StockLow(UUID.randomUUID(), Instant.now(), productId, stock);
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
