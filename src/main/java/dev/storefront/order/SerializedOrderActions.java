package dev.storefront.order;

import org.springframework.stereotype.Component;

import dev.storefront.locking.DistributedLocks;
import dev.storefront.user.CurrentUser;

/**
 * Pays and cancels under the lock {@code order:{id}}, taken outside the transaction so that the next
 * caller only starts after the first has committed and then gets a clean 409. The lock saves work and
 * lock waits in PostgreSQL; the conditional update in {@link Orders#transition} stays the guarantee.
 * <p>
 * Who may act is checked before the lock is taken: an order the caller cannot see is a 404 that costs no
 * lock traffic, so nobody can make an owner's payment wait by hammering its order id.
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
		orders.requirePayableBy(id, caller);
		return locks.withLock(resource(id), properties.waitTime(), () -> orders.pay(id, caller));
	}

	Order cancel(long id, CurrentUser caller) {
		orders.requireVisibleTo(id, caller);
		return locks.withLock(resource(id), properties.waitTime(), () -> orders.cancel(id, caller));
	}

}
