package dev.storefront.cart;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import dev.storefront.web.ApiAccess;
import dev.storefront.web.ApiAccess.Audience;

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

@Tag(name = "cart")
@ApiAccess(Audience.USER)
@RestController
@RequestMapping("/api/cart")
class CartController {

	private final CartService carts;

	CartController(CartService carts) {
		this.carts = carts;
	}

	@Operation(summary = "Get my cart", description = "The lines joined with current product data; lines are flagged `PRODUCT_GONE` or `INSUFFICIENT_STOCK`, and `orderable` says whether the cart can be ordered.")
	@GetMapping
	CartView view(@AuthenticationPrincipal CurrentUser user) {
		return carts.view(user.id());
	}

	/** Sets the quantity of one product (not adds to it), so a retried PUT changes nothing. */
	@Operation(summary = "Set a line's quantity", description = "Sets (does not add) the quantity, 1-1000.")
	@ApiResponse(responseCode = "200", description = "The cart after the change")
	@ApiResponse(responseCode = "409", description = "The cart is full")
	@PutMapping("/items/{productId}")
	CartView put(@AuthenticationPrincipal CurrentUser user, @PathVariable @Positive long productId,
			@Valid @RequestBody QuantityRequest request) {
		return carts.put(user.id(), productId, request.quantity());
	}

	@Operation(summary = "Remove a line")
	@DeleteMapping("/items/{productId}")
	CartView remove(@AuthenticationPrincipal CurrentUser user, @PathVariable @Positive long productId) {
		return carts.remove(user.id(), productId);
	}

	@Operation(summary = "Empty my cart")
	@ApiResponse(responseCode = "204", description = "Emptied")
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
