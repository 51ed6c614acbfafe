package dev.storefront.order;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.storefront.catalog.Inventory;
import dev.storefront.user.CurrentUser;
import dev.storefront.web.PageResponse;

/**
 * Places orders and moves them through their life cycle. Every state change is a conditional
 * update in PostgreSQL, so correctness never depends on a lock or on the caller being alone.
 */
@Service
@Transactional(readOnly = true)
public class OrderService {

	private static final Logger log = LoggerFactory.getLogger(OrderService.class);

	private final Orders orders;

	private final Inventory inventory;

	private final ApplicationEventPublisher events;

	private final OrderPlacement placement;

	OrderService(Orders orders, Inventory inventory, ApplicationEventPublisher events, OrderPlacement placement) {
		this.orders = orders;
		this.inventory = inventory;
		this.events = events;
		this.placement = placement;
	}

	/**
	 * Places an order and takes its stock in one transaction. With an idempotency key, a retry returns
	 * the order the first call created, also when the two calls raced: the loser's insert fails on the
	 * unique index, its transaction is gone, and the winner's order is read in a new one.
	 * @return the order and whether it was created by this call
	 */
	@Transactional(propagation = Propagation.NOT_SUPPORTED)
	public Placement place(long userId, OrderRequest request, String idempotencyKey) {
		try {
			return placement.place(userId, request, idempotencyKey);
		}
		catch (DataIntegrityViolationException ex) {
			if (idempotencyKey == null) {
				throw ex;
			}
			return placement.replay(userId, request, idempotencyKey);
		}
	}

	public Order find(long id, CurrentUser caller) {
		return visible(id, caller).toOrder();
	}

	public PageResponse<Order> mine(long userId, int page, int size) {
		return PageResponse.of(orders.findByUserIdOrderByCreatedAtDescIdDesc(userId, PageRequest.of(page, size)),
				OrderEntity::toOrder);
	}

	/** Throws 404 unless the caller may see the order (its owner or an administrator). */
	void requireVisibleTo(long id, CurrentUser caller) {
		visible(id, caller);
	}

	/** Throws 404 unless the caller may see the order, 403 unless the caller placed it. */
	void requirePayableBy(long id, CurrentUser caller) {
		owned(id, caller);
	}

	/** Simulated payment: PENDING to CONFIRMED, by the customer who placed the order only. */
	@Transactional
	public Order pay(long id, CurrentUser caller) {
		OrderEntity order = owned(id, caller);
		Order confirmed = move(order, OrderStatus.CONFIRMED);
		events.publishEvent(Order.OrderConfirmed.of(confirmed, order.getUserId()));
		log.info("Order {} confirmed", id);
		return confirmed;
	}

	/** PENDING or CONFIRMED to CANCELLED; the stock goes back. */
	@Transactional
	public Order cancel(long id, CurrentUser caller) {
		OrderEntity order = visible(id, caller);
		OrderStatus previous = order.toOrder().status();
		Order cancelled = move(order, OrderStatus.CANCELLED);
		cancelled.items().forEach(line -> inventory.giveBack(line.productId(), line.quantity()));
		String reason = order.getUserId() == caller.id() ? "customer" : "admin";
		events.publishEvent(Order.OrderCancelled.of(cancelled, order.getUserId(), previous, reason));
		log.info("Order {} cancelled", id);
		return cancelled;
	}

	/** Fulfilment by an administrator: CONFIRMED to SHIPPED, SHIPPED to DELIVERED. */
	@Transactional
	Order advance(long id, OrderStatus target) {
		if (target != OrderStatus.SHIPPED && target != OrderStatus.DELIVERED) {
			OrderEntity order = orders.findById(id).orElseThrow(() -> new OrderNotFound(id));
			throw new IllegalOrderTransition(id, order.toOrder().status(), target);
		}
		OrderEntity order = orders.findById(id).orElseThrow(() -> new OrderNotFound(id));
		Order moved = move(order, target);
		events.publishEvent(target == OrderStatus.SHIPPED ? Order.OrderShipped.of(moved, order.getUserId())
				: Order.OrderDelivered.of(moved, order.getUserId()));
		log.info("Order {} {}", id, target);
		return moved;
	}

	private Order move(OrderEntity order, OrderStatus target) {
		long id = order.getId();
		if (orders.transition(id, target.reachableFrom(), target) == 0) {
			OrderStatus current = orders.findById(id).orElseThrow(() -> new OrderNotFound(id)).toOrder().status();
			throw new IllegalOrderTransition(id, current, target);
		}
		return orders.findById(id).orElseThrow(() -> new OrderNotFound(id)).toOrder();
	}

	private OrderEntity visible(long id, CurrentUser caller) {
		return orders.findById(id)
			.filter(order -> order.getUserId() == caller.id() || caller.isAdmin())
			.orElseThrow(() -> new OrderNotFound(id));
	}

	private OrderEntity owned(long id, CurrentUser caller) {
		OrderEntity order = visible(id, caller);
		if (order.getUserId() != caller.id()) {
			throw new NotOrderOwner(id);
		}
		return order;
	}

	/**
	 * Outcome of {@link #place}: the order, and whether this call created it or replayed it.
	 */
	public record Placement(Order order, boolean created) {
	}

}
