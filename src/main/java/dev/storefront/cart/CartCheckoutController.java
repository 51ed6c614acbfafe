package dev.storefront.cart;

import java.net.URI;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.storefront.order.Order;
import dev.storefront.order.OrderService;
import dev.storefront.user.CurrentUser;

/**
 * {@code POST /api/orders/from-cart}. It lives here, not in {@code order}, so that the cart depends on
 * orders and never the other way round.
 */
@RestController
class CartCheckoutController {

	private final CartCheckout checkout;

	CartCheckoutController(CartCheckout checkout) {
		this.checkout = checkout;
	}

	/** 201 with the new order; 200 with {@code Idempotent-Replayed} if this cart content was already ordered. */
	@PostMapping("/api/orders/from-cart")
	ResponseEntity<Order> checkout(@AuthenticationPrincipal CurrentUser user) {
		OrderService.Placement placement = checkout.checkout(user.id());
		Order order = placement.order();
		return placement.created() ? ResponseEntity.created(URI.create("/api/orders/" + order.id())).body(order)
				: ResponseEntity.ok().header("Idempotent-Replayed", "true").body(order);
	}

}
