package dev.storefront.order;

import org.springframework.stereotype.Component;

import dev.storefront.locking.DistributedLocks;
import dev.storefront.user.CurrentUser;

/**
 * Pays and cancels under the lock {@code order:{id}}, taken outside the transaction so that the next
 * caller only starts after the first has committed and then gets a clean 409. The lock saves work and
 * lock waits in PostgreSQL; the conditional update in {@link Orders#transition} stays the guarantee.
 */
@Component
class SerializedOrderActions {

	private final OrderService orders;

	private final DistributedLocks locks;

	private final OrderLockProperties properties;

	SerializedOrderActions(OrderService orders, DistributedLocks locks, OrderLockProperties properties) {
		this.orders = orders;
		this.locks = locks;
		this.properties = properties;
	}

	static String resource(long orderId) {
		return "order:" + orderId;
	}

	Order pay(long id, CurrentUser caller) {
		return locks.withLock(resource(id), properties.waitTime(), () -> orders.pay(id, caller));
	}

	Order cancel(long id, CurrentUser caller) {
		return locks.withLock(resource(id), properties.waitTime(), () -> orders.cancel(id, caller));
	}

}
