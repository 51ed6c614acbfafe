package dev.storefront.order;

import java.util.Set;

/**
 * Life cycle of an order. Each status names the statuses it may be reached from.
 */
public enum OrderStatus {

	PENDING, CONFIRMED, CANCELLED, SHIPPED, DELIVERED;

	/** Statuses from which a move to this one is allowed. */
	Set<OrderStatus> reachableFrom() {
		return switch (this) {
			case PENDING -> Set.of();
			case CONFIRMED -> Set.of(PENDING);
			case CANCELLED -> Set.of(PENDING, CONFIRMED);
			case SHIPPED -> Set.of(CONFIRMED);
			case DELIVERED -> Set.of(SHIPPED);
		};
	}

}
