package dev.storefront.catalog;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import dev.storefront.events.EventsProperties;

/**
 * Publishes {@link StockLow} when a stock change crosses the threshold from at-or-above to below, and
 * {@link ProductBackInStock} when it goes from zero to above zero.
 * Published inside the changing transaction, the event leaves the process only if it commits (the
 * outbox records it with the transaction).
 */
@Component
class StockWatch {

	private final ApplicationEventPublisher events;

	private final int threshold;

	StockWatch(ApplicationEventPublisher events, EventsProperties properties) {
		this.events = events;
		this.threshold = properties.lowStockThreshold();
	}

	void changed(long productId, int before, int after) {
		if (after < threshold && before >= threshold) {
			events.publishEvent(StockLow.of(productId, after));
		}
		if (before <= 0 && after > 0) {
			events.publishEvent(ProductBackInStock.of(productId, after));
		}
	}

}
