package dev.storefront.cart;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import dev.storefront.web.ApiAccess;
import dev.storefront.web.ApiAccess.Audience;
import io.swagger.v3.oas.annotations.headers.Header;

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
@Tag(name = "cart")
@ApiAccess(Audience.USER)
@RestController
class CartCheckoutController {

	private final CartCheckout checkout;

	CartCheckoutController(CartCheckout checkout) {
		this.checkout = checkout;
	}

	/** 201 with the new order; 200 with {@code Idempotent-Replayed} if this cart content was already ordered. */
	@Operation(summary = "Order my cart", description = """
			Places an order from the cart, then removes the ordered lines. Safe to retry: a second checkout of \
			the same cart returns the same order (200, `Idempotent-Replayed: true`).""")
	@ApiResponse(responseCode = "201", description = "Placed", headers = @Header(name = "Location", ref = "#/components/headers/Location"))
	@ApiResponse(responseCode = "200", description = "The same cart was ordered already: that order",
			headers = @Header(name = "Idempotent-Replayed", description = "Always `true`", schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string")))
	@ApiResponse(responseCode = "409", description = "The cart is empty, or not enough stock")
	@PostMapping("/api/orders/from-cart")
	ResponseEntity<Order> checkout(@AuthenticationPrincipal CurrentUser user) {
		OrderService.Placement placement = checkout.checkout(user.id());
		Order order = placement.order();
		return placement.created() ? ResponseEntity.created(URI.create("/api/orders/" + order.id())).body(order)
				: ResponseEntity.ok().header("Idempotent-Replayed", "true").body(order);
	}

}
