package dev.storefront.locking;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Named locks on Redis, one key per resource ({@code sf:lock:{resource}}). Use them to keep concurrent
 * callers from doing the same work, never as the only guard of an invariant: a lease can lapse (a long
 * GC pause, a network partition), so the state change itself must be conditional in the database.
 * <p>
 * Failures are explicit: {@link LockBusy} (409) when the wait runs out, {@link LockServiceUnavailable}
 * (503) when Redis cannot be reached. Nothing here hangs longer than the wait plus the Redis timeout.
 */
@Service
public class DistributedLocks {

	private static final Logger log = LoggerFactory.getLogger(DistributedLocks.class);

	private final RedissonClient redisson;

	private final LockMetrics metrics;

	private final LocalGates gates = new LocalGates();

	DistributedLocks(RedissonClient redisson, LockMetrics metrics) {
		this.redisson = redisson;
		this.metrics = metrics;
	}

	/**
	 * Runs {@code work} holding the lock on {@code resource}, waiting up to {@code waitTime} for it. The
	 * watchdog renews the lease while the work runs, so long work keeps the lock; if this process dies,
	 * the lock frees itself within the watchdog timeout.
	 * @throws LockBusy if the lock did not come free in time
	 * @throws LockServiceUnavailable if Redis cannot be reached
	 */
	public <T> T withLock(String resource, Duration waitTime, Supplier<T> work) {
		return run(resource, waitTime, null, work);
	}

	/** {@link #withLock(String, Duration, Supplier)} for work without a result. */
	public void withLock(String resource, Duration waitTime, Runnable work) {
		run(resource, waitTime, null, () -> {
			work.run();
			return null;
		});
	}

	/**
	 * Like {@link #withLock(String, Duration, Supplier)} but with a fixed lease and no watchdog: the lock
	 * expires after {@code lease} even if the work is still running.
	 */
	public <T> T withLease(String resource, Duration waitTime, Duration lease, Supplier<T> work) {
		return run(resource, waitTime, lease, work);
	}

	/**
	 * Takes the lock if it is free right now, with a watchdog-renewed lease. Made for singleton jobs:
	 * <pre>{@code
	 * try (var held = locks.tryLock("job:flush-views").orElse(null)) {
	 *     if (held == null) return; // another instance runs it
	 *     flush();
	 * }
	 * }</pre>
	 * @return the handle, or empty if someone else holds the lock
	 * @throws LockServiceUnavailable if Redis cannot be reached
	 */
	public Optional<LockHandle> tryLock(String resource) {
		return acquire(resource, Duration.ZERO, null);
	}

	/** {@link #tryLock(String)} with a fixed lease and no watchdog. */
	public Optional<LockHandle> tryLock(String resource, Duration lease) {
		return acquire(resource, Duration.ZERO, lease);
	}

	/**
	 * Runs {@code job} if the lock is free now, else skips it.
	 * @return whether the job ran
	 */
	public boolean runIfFree(String resource, Runnable job) {
		Optional<LockHandle> handle = tryLock(resource);
		if (handle.isEmpty()) {
			return false;
		}
		try (LockHandle held = handle.get()) {
			job.run();
			return true;
		}
	}

	/** The Redis key of the lock on {@code resource}, for operators and tests. */
	public static String keyOf(String resource) {
		return LockNames.of(resource);
	}

	private <T> T run(String resource, Duration waitTime, Duration lease, Supplier<T> work) {
		LockHandle handle = acquire(resource, waitTime, lease).orElseThrow(() -> new LockBusy(resource));
		try (handle) {
			return work.get();
		}
	}

	private Optional<LockHandle> acquire(String resource, Duration waitTime, Duration lease) {
		RLock lock = redisson.getLock(LockNames.of(resource));
		long started = System.nanoTime();
		// Watchdog locks queue locally first: within one live JVM they cannot lapse, so the local gate
		// matches their semantics. Fixed leases can lapse, so they go straight to Redis.
		LocalGates.Gate gate = null;
		boolean acquired = false;
		try {
			if (lease == null) {
				gate = gates.enter(resource, waitTime.toMillis());
				if (gate == null) {
					metrics.acquire(resource, "busy", Duration.ofNanos(System.nanoTime() - started));
					return Optional.empty();
				}
			}
			long remaining = Math.max(0, waitTime.toMillis() - Duration.ofNanos(System.nanoTime() - started).toMillis());
			// A lease of -1 asks Redisson for its watchdog.
			acquired = lock.tryLock(remaining, lease == null ? -1 : lease.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			metrics.acquire(resource, "interrupted", Duration.ofNanos(System.nanoTime() - started));
			throw new LockBusy(resource);
		}
		catch (RedisException ex) {
			metrics.acquire(resource, "unavailable", Duration.ofNanos(System.nanoTime() - started));
			log.warn("Lock on {} unavailable: {}", resource, ex.toString());
			throw new LockServiceUnavailable(resource, ex);
		}
		finally {
			if (!acquired && gate != null) {
				gates.leave(gate);
			}
		}
		metrics.acquire(resource, acquired ? "acquired" : "busy", Duration.ofNanos(System.nanoTime() - started));
		if (!acquired) {
			return Optional.empty();
		}
		LocalGates.Gate entered = gate;
		return Optional.of(new LockHandle(resource, lock, metrics, entered == null ? null : () -> gates.leave(entered)));
	}

}
