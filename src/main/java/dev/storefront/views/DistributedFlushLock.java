package dev.storefront.views;

import java.util.Optional;

import dev.storefront.locking.DistributedLocks;

/**
 * The flush lock on the shared {@link DistributedLocks} ({@code sf:lock:{views:flush}}): the watchdog
 * keeps it while a long flush runs, and a crashed flusher's lock expires by itself. Correctness does
 * not rest on it: the claim script moves each counter atomically, so two flushers could never count
 * one view twice; the lock only saves the work.
 */
final class DistributedFlushLock implements FlushLock {

	static final String RESOURCE = "views:flush";

	private final DistributedLocks locks;

	DistributedFlushLock(DistributedLocks locks) {
		this.locks = locks;
	}

	@Override
	public Optional<Lease> tryAcquire() {
		return locks.tryLock(RESOURCE).map(handle -> handle::close);
	}

}
