package dev.storefront.analytics;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import dev.storefront.events.StreamEvent;
import dev.storefront.events.StreamEventHandler;
import dev.storefront.order.Order;

/**
 * The consumer group {@code analytics}: confirmed orders count towards the weekly bestsellers and
 * cancelled confirmed orders are taken off. A Redis failure propagates, so the entry stays pending and
 * is reclaimed; the events module skips event ids this group has handled already.
 */
@Component
class BestsellerEvents implements StreamEventHandler {

	static final String GROUP = "analytics";

	private final Bestsellers bestsellers;

	private final JsonMapper json;

	BestsellerEvents(Bestsellers bestsellers, JsonMapper json) {
		this.bestsellers = bestsellers;
		this.json = json;
	}

	@Override
	public String group() {
		return GROUP;
	}

	@Override
	public void handle(StreamEvent event) {
		switch (event.type()) {
			case "OrderConfirmed" -> bestsellers.count(json.readValue(event.payload(), Order.OrderConfirmed.class));
			case "OrderCancelled" -> bestsellers.uncount(json.readValue(event.payload(), Order.OrderCancelled.class));
			default -> {
				// other events do not change the bestsellers
			}
		}
	}

}
