package dev.storefront.notifications;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

import dev.storefront.notifications.ConnectionLimitReached.Scope;

/**
 * Counts the open realtime connections of this instance per client address and per user, and refuses one
 * beyond the caps. In memory, per instance: the caps protect this JVM's Tomcat connections, and a count in
 * Redis would outlive a killed instance (decision 0130). Each connection holds one {@link Slot} from its
 * handshake to its end; check-and-increment is atomic per key ({@link ConcurrentHashMap#compute}), and
 * keys are removed at zero, so the maps only hold clients with open connections.
 */
final class ConnectionCaps {

	private final ConcurrentHashMap<String, Integer> addresses = new ConcurrentHashMap<>();

	private final ConcurrentHashMap<Long, Integer> users = new ConcurrentHashMap<>();

	private final int perAddress;

	private final int perUser;

	ConnectionCaps(int perAddress, int perUser) {
		this.perAddress = perAddress;
		this.perUser = perUser;
	}

	/**
	 * Takes a slot for a new connection from {@code address}, and for {@code userId} when the handshake is
	 * signed in.
	 * @throws ConnectionLimitReached when the address or the user is at its cap (nothing is taken then)
	 */
	Slot open(String address, @Nullable Long userId) {
		acquire(addresses, address, perAddress, Scope.ADDRESS);
		Slot slot = new Slot(address);
		if (userId != null) {
			try {
				slot.user(userId);
			}
			catch (ConnectionLimitReached ex) {
				slot.release();
				throw ex;
			}
		}
		return slot;
	}

	int ofAddress(String address) {
		return addresses.getOrDefault(address, 0);
	}

	int ofUser(long userId) {
		return users.getOrDefault(userId, 0);
	}

	private static <K> void acquire(ConcurrentHashMap<K, Integer> counts, K key, int cap, Scope scope) {
		boolean[] refused = new boolean[1];
		counts.compute(key, (k, count) -> {
			int current = count == null ? 0 : count;
			if (current >= cap) {
				refused[0] = true;
				return count;
			}
			return current + 1;
		});
		if (refused[0]) {
			throw new ConnectionLimitReached(scope, cap);
		}
	}

	private static <K> void decrement(ConcurrentHashMap<K, Integer> counts, K key) {
		counts.computeIfPresent(key, (k, count) -> count <= 1 ? null : count - 1);
	}

	/**
	 * One connection's share of the counts. {@link #release()} is idempotent, so every close path (normal
	 * close, error, timeout, revocation, shutdown) may call it.
	 */
	final class Slot {

		private final String address;

		private @Nullable Long userId;

		private final AtomicBoolean released = new AtomicBoolean();

		private Slot(String address) {
			this.address = address;
		}

		/**
		 * Counts the connection for {@code userId} (a WebSocket learns its user on {@code CONNECT}); moves it
		 * from another user if the handshake was signed in as someone else.
		 * @throws ConnectionLimitReached when that user is at the cap
		 */
		synchronized void user(long userId) {
			if (released.get() || (this.userId != null && this.userId == userId)) {
				return;
			}
			acquire(users, userId, perUser, Scope.USER);
			if (this.userId != null) {
				decrement(users, this.userId);
			}
			this.userId = userId;
		}

		synchronized void release() {
			if (released.compareAndSet(false, true)) {
				decrement(addresses, address);
				if (userId != null) {
					decrement(users, userId);
				}
			}
		}

	}

}
