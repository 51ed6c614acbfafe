package dev.storefront.order;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import dev.storefront.web.ApiAccess;
import dev.storefront.web.ApiAccess.Audience;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.Parameter;

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

@Tag(name = "orders")
@ApiAccess(Audience.USER)
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
	@Operation(summary = "Place an order", description = """
			Takes the stock of every line in one transaction, at today's prices. With an `Idempotency-Key`, \
			a retry returns the order the first call created (200, `Idempotent-Replayed: true`); the same key \
			with a different body is refused (422).""",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
					examples = @ExampleObject(value = "{\"items\":[{\"productId\":1,\"quantity\":2}]}"))))
	@Parameter(name = "Idempotency-Key", description = "Client-chosen key (1-100 characters) that makes retries safe",
			example = "3f1c2a9e-order-1")
	@ApiResponse(responseCode = "201", description = "Placed", headers = @Header(name = "Location", ref = "#/components/headers/Location"),
			content = @Content(schema = @Schema(implementation = Order.class), examples = @ExampleObject(value = """
					{"id":12,"status":"PENDING","items":[{"productId":1,"quantity":2,"unitPrice":19.99}],"total":39.98,\
					"currency":"EUR","createdAt":"2026-11-30T10:00:00Z","updatedAt":"2026-11-30T10:00:00Z"}""")))
	@ApiResponse(responseCode = "200", description = "A retry with the same `Idempotency-Key`: the order the first call placed",
			headers = @Header(name = "Idempotent-Replayed", description = "Always `true`", schema = @Schema(type = "string", allowableValues = "true")))
	@ApiResponse(responseCode = "409", description = "Not enough stock (the problem names the product), or too many pending orders")
	@ApiResponse(responseCode = "404", description = "A product of the order does not exist")
	@ApiResponse(responseCode = "422", description = "The `Idempotency-Key` was used before with a different body")
	@PostMapping
	ResponseEntity<Order> place(@AuthenticationPrincipal CurrentUser user, @Valid @RequestBody OrderRequest request,
			@RequestHeader(name = "Idempotency-Key", required = false) @Size(min = 1, max = 100) String key) {
		OrderService.Placement placement = orders.place(user.id(), request, key);
		Order order = placement.order();
		return placement.created() ? ResponseEntity.created(URI.create("/api/orders/" + order.id())).body(order)
				: ResponseEntity.ok().header("Idempotent-Replayed", "true").body(order);
	}

	@Operation(summary = "Get an order", description = "The owner and administrators see it; anyone else gets 404.")
	@GetMapping("/{id}")
	Order find(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
		return orders.find(id, user);
	}

	@Operation(summary = "List my orders", description = "Newest first.")
	@GetMapping
	PageResponse<Order> mine(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		return orders.mine(user.id(), page, size);
	}

	@Operation(summary = "Pay an order", description = "Simulated payment, owner only: PENDING to CONFIRMED.")
	@ApiResponse(responseCode = "200", description = "The confirmed order")
	@ApiResponse(responseCode = "409", description = "The order is not PENDING, or another request on it is still running")
	@PostMapping("/{id}/pay")
	Order pay(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
		return serialized.pay(id, user);
	}

	@Operation(summary = "Cancel an order", description = "PENDING or CONFIRMED to CANCELLED; the stock goes back.")
	@ApiResponse(responseCode = "200", description = "The cancelled order")
	@ApiResponse(responseCode = "409", description = "The order can no longer be cancelled, or another request on it is still running")
	@PostMapping("/{id}/cancel")
	Order cancel(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
		return serialized.cancel(id, user);
	}

}
