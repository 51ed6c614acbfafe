package dev.storefront.locking;

import org.redisson.api.RLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A held lock, released by {@link #close()} (use try-with-resources). Redisson locks belong to the
 * thread that took them: close the handle on that thread.
 */
public final class LockHandle implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(LockHandle.class);

	private final String resource;

	private final RLock lock;

	private final LockMetrics metrics;

	private final Runnable afterRelease;

	private boolean closed;

	LockHandle(String resource, RLock lock, LockMetrics metrics, Runnable afterRelease) {
		this.resource = resource;
		this.lock = lock;
		this.metrics = metrics;
		this.afterRelease = afterRelease;
	}

	/** The resource this lock protects, e.g. {@code order:42}. */
	public String resource() {
		return resource;
	}

	/**
	 * Whether this thread still holds the lock. A fixed lease may have lapsed (a long pause), in which case
	 * another caller may hold it now; long jobs can check this between batches and stop early.
	 */
	public boolean isHeld() {
		try {
			return !closed && lock.isHeldByCurrentThread();
		}
		catch (RuntimeException ex) {
			// Redis unreachable: we cannot prove we hold it, so we must assume we do not.
			return false;
		}
	}

	/** Releases the lock if this thread still holds it; never throws. */
	@Override
	public void close() {
		if (closed) {
			return;
		}
		closed = true;
		try {
			lock.unlock();
		}
		catch (IllegalMonitorStateException ex) {
			// The lease lapsed while we worked: someone else may have run meanwhile, which is why every
			// state change is also guarded in the database.
			metrics.lapsed(resource);
			log.warn("Lock on {} had expired before release; the work ran past its lease", resource);
		}
		catch (RuntimeException ex) {
			// Redis went away: the lease runs out on its own, and the watchdog stops renewing it.
			log.warn("Could not release lock on {}; it expires with its lease: {}", resource, ex.toString());
		}
		finally {
			if (afterRelease != null) {
				afterRelease.run();
			}
		}
	}

}
