package dev.storefront.cart;

import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

import dev.storefront.order.OrderRequest;
import dev.storefront.order.OrderService;

/**
 * Places an order from a cart. The cart is read once (a snapshot), the order is placed from it with an
 * idempotency key naming that snapshot, and only then are the ordered lines removed, each only if its
 * quantity is still the one ordered. So:
 * <ul>
 * <li>a failed order (short stock, a gone product) leaves the cart as it was;</li>
 * <li>an edit made while the order was being placed survives;</li>
 * <li>two checkouts of the same cart, or a retry after Redis failed to remove the lines, give one order:
 * the unique idempotency index in PostgreSQL is the guard, not a lock.</li>
 * </ul>
 */
@Service
class CartCheckout {

	private static final Logger log = LoggerFactory.getLogger(CartCheckout.class);

	private final Carts carts;

	private final OrderService orders;

	CartCheckout(Carts carts, OrderService orders) {
		this.carts = carts;
		this.orders = orders;
	}

	OrderService.Placement checkout(long userId) {
		CartSnapshot snapshot = carts.read(userId);
		if (snapshot.isEmpty()) {
			throw new CartEmpty();
		}
		OrderRequest request = new OrderRequest(items(snapshot));
		String key = snapshot.idempotencyKey();
		// A concurrent checkout of the same snapshot that committed first is replayed by place().
		OrderService.Placement placement = orders.place(userId, request, key);
		long removed = carts.removeOrdered(userId, Map.copyOf(snapshot.lines()));
		log.info("Order {} placed from cart of user {}; {} of {} line(s) removed from the cart",
				placement.order().id(), userId, removed, snapshot.lines().size());
		return placement;
	}

	private static List<OrderRequest.Item> items(CartSnapshot snapshot) {
		return snapshot.lines().entrySet().stream()
			.map(line -> new OrderRequest.Item(line.getKey(), line.getValue()))
			.toList();
	}

}
