package dev.storefront.wishlist;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import dev.storefront.catalog.ProductBackInStock;
import dev.storefront.catalog.ProductPriceChanged;
import dev.storefront.events.StreamEvent;
import dev.storefront.events.StreamEventHandler;

/**
 * The consumer group {@code wishlist}: a price drop ({@code ProductPriceChanged} to a lower price) or a
 * product back in stock notifies every user who wishlisted it. A group of its own, so a product with a
 * hundred thousand followers delays no other group. A Redis failure propagates and the entry is
 * reclaimed; the fan-out then runs again and the notification store's per-event marker keeps it at one
 * notification per user.
 */
@Component
class WishlistAlerts implements StreamEventHandler {

	static final String GROUP = "wishlist";

	static final String PRICE_DROP = "wishlist.price-drop";

	static final String BACK_IN_STOCK = "wishlist.back-in-stock";

	private final AlertFanout fanout;

	private final JsonMapper json;

	WishlistAlerts(AlertFanout fanout, JsonMapper json) {
		this.fanout = fanout;
		this.json = json;
	}

	@Override
	public String group() {
		return GROUP;
	}

	@Override
	public void handle(StreamEvent event) {
		switch (event.type()) {
			case "ProductPriceChanged" -> {
				ProductPriceChanged change = json.readValue(event.payload(), ProductPriceChanged.class);
				if (change.newPrice().compareTo(change.oldPrice()) < 0) {
					Map<String, Object> data = new LinkedHashMap<>();
					data.put("productId", change.productId());
					data.put("oldPrice", change.oldPrice());
					data.put("newPrice", change.newPrice());
					fanout.notifyFollowers(change.productId(), change.eventId(), PRICE_DROP, change.occurredAt(), data);
				}
			}
			case "ProductBackInStock" -> {
				ProductBackInStock back = json.readValue(event.payload(), ProductBackInStock.class);
				fanout.notifyFollowers(back.productId(), back.eventId(), BACK_IN_STOCK, back.occurredAt(),
						Map.of("productId", back.productId(), "stock", back.stock()));
			}
			default -> {
				// other events alert nobody
			}
		}
	}

}
