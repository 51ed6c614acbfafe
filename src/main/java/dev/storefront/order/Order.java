package dev.storefront.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

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
	 * Published when a payment moves an order from PENDING to CONFIRMED; listeners run after commit.
	 */
	public record OrderConfirmed(long orderId, long userId, List<Line> items, Instant confirmedAt) {
	}

	/**
	 * Published when an order is cancelled and its stock returned.
	 */
	public record OrderCancelled(long orderId, long userId, List<Line> items) {
	}

}
