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
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.storefront.catalog.Inventory;
import dev.storefront.catalog.Inventory.Reservation;

/**
 * One placement in one transaction: the checks that bound what a user may hold, the insert, the stock.
 * {@link OrderService#place} wraps it to finish the idempotency race, which needs a fresh transaction.
 */
@Component
class OrderPlacement {

	private static final Logger log = LoggerFactory.getLogger(OrderPlacement.class);

	private final Orders orders;

	private final Inventory inventory;

	private final ApplicationEventPublisher events;

	private final OrderProperties properties;

	OrderPlacement(Orders orders, Inventory inventory, ApplicationEventPublisher events, OrderProperties properties) {
		this.orders = orders;
		this.inventory = inventory;
		this.events = events;
		this.properties = properties;
	}

	@Transactional
	OrderService.Placement place(long userId, OrderRequest request, String idempotencyKey) {
		String fingerprint = fingerprint(request);
		// One placement per user at a time: the pending count below cannot be passed by a concurrent call.
		orders.lockPlacementsOf(userId);
		if (idempotencyKey != null) {
			var existing = orders.findByUserIdAndIdempotencyKey(userId, idempotencyKey);
			if (existing.isPresent()) {
				return replay(existing.get(), fingerprint);
			}
		}
		requireAcceptableLines(request);
		if (orders.countByUserIdAndStatus(userId, OrderStatus.PENDING) >= properties.maxPendingPerUser()) {
			throw new TooManyPendingOrders(properties.maxPendingPerUser());
		}
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
		return new OrderService.Placement(placed, true);
	}

	/** The order a key already produced, after a concurrent first call won the race. */
	@Transactional(readOnly = true)
	OrderService.Placement replay(long userId, OrderRequest request, String idempotencyKey) {
		OrderEntity existing = orders.findByUserIdAndIdempotencyKey(userId, idempotencyKey)
			.orElseThrow(() -> new IllegalStateException("No order for idempotency key"));
		return replay(existing, fingerprint(request));
	}

	private static OrderService.Placement replay(OrderEntity existing, String fingerprint) {
		if (!fingerprint.equals(existing.getRequestFingerprint())) {
			throw new IdempotencyKeyReused();
		}
		return new OrderService.Placement(existing.toOrder(), false);
	}

	private void requireAcceptableLines(OrderRequest request) {
		Set<Long> seen = new HashSet<>();
		for (OrderRequest.Item item : request.items()) {
			if (!seen.add(item.productId())) {
				throw new DuplicateOrderLine(item.productId());
			}
			if (item.quantity() > properties.maxQuantityPerLine()) {
				throw new QuantityTooLarge(item.productId(), properties.maxQuantityPerLine());
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

}
