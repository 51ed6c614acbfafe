package dev.storefront.catalog;

import java.time.Instant;
import java.util.UUID;

import dev.storefront.events.DomainEvent;

/**
 * Published when a product's stock goes from zero to above zero (a restock, a cancelled order giving
 * units back). Like {@link StockLow} it is published in the changing transaction and leaves the process
 * through the outbox only if that commits.
 *
 * @param productId the product
 * @param stock the units now available
 */
public record ProductBackInStock(UUID eventId, Instant occurredAt, long productId, int stock) implements DomainEvent {

	static ProductBackInStock of(long productId, int stock) {
		return new ProductBackInStock(UUID.randomUUID(), Instant.now(), productId, stock);
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
