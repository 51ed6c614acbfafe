package dev.storefront.order;

import jakarta.validation.Valid;

import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/admin/orders")
class AdminOrderController {

	private final OrderService orders;

	AdminOrderController(OrderService orders) {
		this.orders = orders;
	}

	@PatchMapping("/{id}")
	Order advance(@PathVariable long id, @Valid @RequestBody StatusChange change) {
		return orders.advance(id, change.status());
	}

}
