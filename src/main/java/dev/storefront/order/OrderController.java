package dev.storefront.order;

import java.net.URI;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.storefront.user.CurrentUser;
import dev.storefront.web.PageResponse;

@RestController
@RequestMapping("/api/orders")
class OrderController {

	private final OrderService orders;

	private final SerializedOrderActions serialized;

	OrderController(OrderService orders, SerializedOrderActions serialized) {
		this.orders = orders;
		this.serialized = serialized;
	}

	/**
	 * 201 for a new order; a retry with the same {@code Idempotency-Key} gets 200 and the same order.
	 */
	@PostMapping
	ResponseEntity<Order> place(@AuthenticationPrincipal CurrentUser user, @Valid @RequestBody OrderRequest request,
			@RequestHeader(name = "Idempotency-Key", required = false) @Size(min = 1, max = 100) String key) {
		OrderService.Placement placement = orders.place(user.id(), request, key);
		Order order = placement.order();
		return placement.created() ? ResponseEntity.created(URI.create("/api/orders/" + order.id())).body(order)
				: ResponseEntity.ok().header("Idempotent-Replayed", "true").body(order);
	}

	@GetMapping("/{id}")
	Order find(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
		return orders.find(id, user);
	}

	@GetMapping
	PageResponse<Order> mine(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		return orders.mine(user.id(), page, size);
	}

	@PostMapping("/{id}/pay")
	Order pay(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
		return serialized.pay(id, user);
	}

	@PostMapping("/{id}/cancel")
	Order cancel(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
		return serialized.cancel(id, user);
	}

}
