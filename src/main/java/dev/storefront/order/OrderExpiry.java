package dev.storefront.order;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.storefront.catalog.Inventory;

/**
 * Cancels one batch of unpaid orders that outlived {@code storefront.orders.pending-ttl}, returning their
 * stock: the same transition and event as a customer's cancel, with reason {@code expired}.
 */
@Component
class OrderExpiry {

	private static final Logger log = LoggerFactory.getLogger(OrderExpiry.class);

	static final String REASON = "expired";

	private final Orders orders;

	private final Inventory inventory;

	private final ApplicationEventPublisher events;

	OrderExpiry(Orders orders, Inventory inventory, ApplicationEventPublisher events) {
		this.orders = orders;
		this.inventory = inventory;
		this.events = events;
	}

	/**
	 * Expires up to {@code limit} orders placed before {@code cutoff}, in one transaction.
	 * @return how many were locked (a full batch means there may be more)
	 */
	@Transactional
	int expireBatch(Instant cutoff, int limit) {
		List<Long> ids = orders.lockExpired(cutoff, limit);
		for (long id : ids) {
			// Conditional like every transition: a payment that committed first wins.
			if (orders.transition(id, List.of(OrderStatus.PENDING), OrderStatus.CANCELLED) == 0) {
				continue;
			}
			OrderEntity order = orders.findById(id).orElseThrow(() -> new OrderNotFound(id));
			Order cancelled = order.toOrder();
			cancelled.items().forEach(line -> inventory.giveBack(line.productId(), line.quantity()));
			events.publishEvent(Order.OrderCancelled.of(cancelled, order.getUserId(), OrderStatus.PENDING, REASON));
			log.info("Order {} expired unpaid; stock returned", id);
		}
		return ids.size();
	}

	static Instant cutoff(Clock clock, java.time.Duration ttl) {
		return clock.instant().minus(ttl);
	}

}
