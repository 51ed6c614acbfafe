package dev.storefront.locking;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One fair in-process lock per resource in use, taken before the Redis lock. A hundred threads of one
 * instance waiting for the same order then queue here, and only the first talks to Redis, instead of
 * all of them polling Redis and exhausting Redisson's small connection pool. Entries are removed when
 * the last user leaves.
 */
final class LocalGates {

	private final ConcurrentHashMap<String, Gate> gates = new ConcurrentHashMap<>();

	/**
	 * Waits up to {@code waitMillis} for the gate of {@code resource}.
	 * @return the entered gate, or null if the wait ran out
	 */
	Gate enter(String resource, long waitMillis) throws InterruptedException {
		Gate gate = gates.compute(resource, (key, existing) -> {
			Gate g = existing == null ? new Gate(key) : existing;
			g.users++;
			return g;
		});
		boolean entered = false;
		try {
			entered = gate.lock.tryLock(waitMillis, TimeUnit.MILLISECONDS);
		}
		finally {
			if (!entered) {
				release(gate);
			}
		}
		return entered ? gate : null;
	}

	/** Leaves a gate entered by this thread. */
	void leave(Gate gate) {
		gate.lock.unlock();
		release(gate);
	}

	int size() {
		return gates.size();
	}

	private void release(Gate gate) {
		gates.computeIfPresent(gate.resource, (key, g) -> --g.users == 0 ? null : g);
	}

	static final class Gate {

		private final String resource;

		private final ReentrantLock lock = new ReentrantLock(true);

		/** Threads holding or waiting for this gate; guarded by the map's compute. */
		private int users;

		private Gate(String resource) {
			this.resource = resource;
		}

	}

}
