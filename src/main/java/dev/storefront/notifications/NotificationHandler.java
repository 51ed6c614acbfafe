package dev.storefront.notifications;

import java.time.Instant;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import dev.storefront.events.StreamEvent;
import dev.storefront.events.StreamEventHandler;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The consumer group {@code notifications}: order events become notifications for the order's
 * owner, {@code StockLow} one for the administrators; other event types are not notified. Appends are
 * idempotent per event id, so a redelivered entry adds nothing.
 */
@Component
class NotificationHandler implements StreamEventHandler {

	private static final Logger log = LoggerFactory.getLogger(NotificationHandler.class);

	private static final Map<String, String[]> ORDER_EVENTS = Map.of(
			"OrderPlaced", new String[] { "order.placed", "PENDING" },
			"OrderConfirmed", new String[] { "order.confirmed", "CONFIRMED" },
			"OrderShipped", new String[] { "order.shipped", "SHIPPED" },
			"OrderDelivered", new String[] { "order.delivered", "DELIVERED" },
			"OrderCancelled", new String[] { "order.cancelled", "CANCELLED" });

	private final Notifier notifier;

	private final JsonMapper json;

	NotificationHandler(Notifier notifier, JsonMapper json) {
		this.notifier = notifier;
		this.json = json;
	}

	@Override
	public String group() {
		return "notifications";
	}

	@Override
	public void handle(StreamEvent event) {
		String[] order = ORDER_EVENTS.get(event.type());
		if (order != null) {
			JsonNode payload = payload(event);
			long owner = event.userId() != null ? event.userId() : required(payload, "ownerId").asLong();
			notifier.toUser(owner, event.eventId(), order[0], createdAt(event),
					Map.of("orderId", required(payload, "orderId").asLong(), "status", order[1]));
		}
		else if ("StockLow".equals(event.type())) {
			JsonNode payload = payload(event);
			notifier.toAdmins(event.eventId(), "stock.low", createdAt(event), Map.of("productId",
					required(payload, "productId").asLong(), "stock", required(payload, "stock").asLong()));
		}
		else {
			log.debug("No notification for {} {}", event.type(), event.id());
		}
	}

	private JsonNode payload(StreamEvent event) {
		if (event.eventId() == null || event.payload() == null) {
			throw new IllegalArgumentException("Event " + event.id() + " has no eventId or payload");
		}
		return json.readTree(event.payload());
	}

	private static JsonNode required(JsonNode payload, String field) {
		JsonNode value = payload.get(field);
		if (value == null || !value.isNumber()) {
			throw new IllegalArgumentException("Payload has no numeric " + field);
		}
		return value;
	}

	private static Instant createdAt(StreamEvent event) {
		return event.occurredAt() != null ? event.occurredAt() : Instant.now();
	}

}
