package dev.storefront.cart;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.storefront.user.CurrentUser;

@RestController
@RequestMapping("/api/cart")
class CartController {

	private final CartService carts;

	CartController(CartService carts) {
		this.carts = carts;
	}

	@GetMapping
	CartView view(@AuthenticationPrincipal CurrentUser user) {
		return carts.view(user.id());
	}

	/** Sets the quantity of one product (not adds to it), so a retried PUT changes nothing. */
	@PutMapping("/items/{productId}")
	CartView put(@AuthenticationPrincipal CurrentUser user, @PathVariable @Positive long productId,
			@Valid @RequestBody QuantityRequest request) {
		return carts.put(user.id(), productId, request.quantity());
	}

	@DeleteMapping("/items/{productId}")
	CartView remove(@AuthenticationPrincipal CurrentUser user, @PathVariable @Positive long productId) {
		return carts.remove(user.id(), productId);
	}

	@DeleteMapping
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void clear(@AuthenticationPrincipal CurrentUser user) {
		carts.clear(user.id());
	}

	/**
	 * Body of {@code PUT /api/cart/items/{productId}}; to remove a line, DELETE it.
	 */
	record QuantityRequest(@NotNull @Min(1) @Max(1000) Integer quantity) {
	}

}
