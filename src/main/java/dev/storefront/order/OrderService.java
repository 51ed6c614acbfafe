package dev.storefront.order;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.storefront.catalog.Inventory;
import dev.storefront.catalog.Inventory.Reservation;
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

	OrderService(Orders orders, Inventory inventory, ApplicationEventPublisher events) {
		this.orders = orders;
		this.inventory = inventory;
		this.events = events;
	}

	/**
	 * Places an order and takes its stock in one transaction. With an idempotency key, a retry
	 * returns the order the first call created.
	 * @return the order and whether it was created by this call
	 */
	@Transactional
	public Placement place(long userId, OrderRequest request, String idempotencyKey) {
		String fingerprint = fingerprint(request);
		if (idempotencyKey != null) {
			var existing = orders.findByUserIdAndIdempotencyKey(userId, idempotencyKey);
			if (existing.isPresent()) {
				return replay(existing.get(), fingerprint);
			}
		}
		requireDistinctProducts(request);
		OrderEntity order = new OrderEntity(userId, idempotencyKey, fingerprint);
		// Insert first: a concurrent retry with the same key blocks on the unique index here, before
		// either of them touches stock.
		orders.saveAndFlush(order);
		List<Reservation> taken = request.items().stream()
			.sorted(Comparator.comparing(OrderRequest.Item::productId)) // one lock order: no deadlocks
			.map(item -> inventory.take(item.productId(), item.quantity()))
			.toList();
		int position = 0;
		for (OrderRequest.Item item : request.items()) {
			Reservation reservation = taken.stream().filter(r -> r.productId() == item.productId()).findFirst().orElseThrow();
			order.addItem(item.productId(), item.quantity(), reservation.unitPrice(), reservation.currency(), position++);
		}
		OrderEntity saved = orders.saveAndFlush(order);
		Order placed = saved.toOrder();
		events.publishEvent(Order.OrderPlaced.of(placed, userId));
		log.info("Order {} placed by user {} for {} {}", saved.getId(), userId, placed.total(), placed.currency());
		return new Placement(placed, true);
	}

	/** The order a key already produced, after a concurrent first call won the race. */
	public Placement placed(long userId, OrderRequest request, String idempotencyKey) {
		OrderEntity existing = orders.findByUserIdAndIdempotencyKey(userId, idempotencyKey)
			.orElseThrow(() -> new IllegalStateException("No order for idempotency key"));
		return replay(existing, fingerprint(request));
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

	private static Placement replay(OrderEntity existing, String fingerprint) {
		if (!fingerprint.equals(existing.getRequestFingerprint())) {
			throw new IdempotencyKeyReused();
		}
		return new Placement(existing.toOrder(), false);
	}

	private static void requireDistinctProducts(OrderRequest request) {
		Set<Long> seen = new HashSet<>();
		for (OrderRequest.Item item : request.items()) {
			if (!seen.add(item.productId())) {
				throw new DuplicateOrderLine(item.productId());
			}
		}
	}

	private static String fingerprint(OrderRequest request) {
		StringBuilder canonical = new StringBuilder();
		request.items().forEach(item -> canonical.append(item.productId()).append('x').append(item.quantity()).append(';'));
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
				.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Outcome of {@link #place}: the order, and whether this call created it or replayed it.
	 */
	public record Placement(Order order, boolean created) {
	}

}
