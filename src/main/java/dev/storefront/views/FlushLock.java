package dev.storefront.views;

import java.util.Optional;

/**
 * "One flusher at a time" across instances. Kept behind this interface so the implementation can
 * move to the shared locking module without touching the flusher.
 */
interface FlushLock {

	/** The lock if it was free; close the lease to release it. */
	Optional<Lease> tryAcquire();

	interface Lease extends AutoCloseable {

		@Override
		void close();

	}

}
