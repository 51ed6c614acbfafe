package dev.storefront.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.storefront.events.DomainEvent;

/**
 * An order as the API shows it. Prices are those at the time the order was placed.
 */
public record Order(Long id, OrderStatus status, List<Line> items, BigDecimal total, String currency,
		Instant createdAt, Instant updatedAt) {

	/**
	 * One product line of an order.
	 */
	public record Line(long productId, int quantity, BigDecimal unitPrice) {
	}

	/**
	 * What every order event carries: the order, its owner, its total and its lines.
	 */
	public sealed interface OrderEvent extends DomainEvent
			permits OrderPlaced, OrderConfirmed, OrderCancelled, OrderShipped, OrderDelivered {

		long orderId();

		long ownerId();

		BigDecimal total();

		String currency();

		List<Line> items();

		@Override
		default String aggregateId() {
			return String.valueOf(orderId());
		}

		@Override
		default Long userId() {
			return ownerId();
		}

	}

	/** Published when an order is placed and its stock taken. */
	public record OrderPlaced(UUID eventId, Instant occurredAt, long orderId, long ownerId, BigDecimal total,
			String currency, List<Line> items) implements OrderEvent {

		public static OrderPlaced of(Order order, long ownerId) {
			return new OrderPlaced(UUID.randomUUID(), Instant.now(), order.id(), ownerId, order.total(), order.currency(),
					order.items());
		}

	}

	/** Published when a payment moves an order from PENDING to CONFIRMED. */
	public record OrderConfirmed(UUID eventId, Instant occurredAt, long orderId, long ownerId, BigDecimal total,
			String currency, List<Line> items) implements OrderEvent {

		public static OrderConfirmed of(Order order, long ownerId) {
			return new OrderConfirmed(UUID.randomUUID(), Instant.now(), order.id(), ownerId, order.total(),
					order.currency(), order.items());
		}

	}

	/**
	 * Published when an order is cancelled and its stock returned.
	 * @param reason why: {@code customer}, {@code admin} or {@code expired}
	 */
	public record OrderCancelled(UUID eventId, Instant occurredAt, long orderId, long ownerId, BigDecimal total,
			String currency, List<Line> items, OrderStatus previousStatus, String reason) implements OrderEvent {

		public static OrderCancelled of(Order order, long ownerId, OrderStatus previousStatus, String reason) {
			return new OrderCancelled(UUID.randomUUID(), Instant.now(), order.id(), ownerId, order.total(),
					order.currency(), order.items(), previousStatus, reason);
		}

	}

	/** Published when an administrator ships a confirmed order. */
	public record OrderShipped(UUID eventId, Instant occurredAt, long orderId, long ownerId, BigDecimal total,
			String currency, List<Line> items) implements OrderEvent {

		public static OrderShipped of(Order order, long ownerId) {
			return new OrderShipped(UUID.randomUUID(), Instant.now(), order.id(), ownerId, order.total(),
					order.currency(), order.items());
		}

	}

	/** Published when an administrator marks a shipped order delivered. */
	public record OrderDelivered(UUID eventId, Instant occurredAt, long orderId, long ownerId, BigDecimal total,
			String currency, List<Line> items) implements OrderEvent {

		public static OrderDelivered of(Order order, long ownerId) {
			return new OrderDelivered(UUID.randomUUID(), Instant.now(), order.id(), ownerId, order.total(),
					order.currency(), order.items());
		}

	}

}
