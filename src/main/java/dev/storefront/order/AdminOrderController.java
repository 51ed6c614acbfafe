package dev.storefront.order;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import dev.storefront.web.ApiAccess;
import dev.storefront.web.ApiAccess.Audience;

import jakarta.validation.Valid;

import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "orders")
@ApiAccess(Audience.ADMIN)
@RestController
@RequestMapping("/api/admin/orders")
class AdminOrderController {

	private final OrderService orders;

	AdminOrderController(OrderService orders) {
		this.orders = orders;
	}

	@Operation(summary = "Ship or deliver an order", description = "CONFIRMED to SHIPPED, SHIPPED to DELIVERED.")
	@ApiResponse(responseCode = "200", description = "The order in its new status")
	@ApiResponse(responseCode = "409", description = "Not a legal transition from the order's status")
	@PatchMapping("/{id}")
	Order advance(@PathVariable long id, @Valid @RequestBody StatusChange change) {
		return orders.advance(id, change.status());
	}

}
