package dev.storefront.cache;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;

import org.springframework.cache.Cache;

import dev.storefront.cache.EntryWriter.HeldLock;

/**
 * Loads the entries of one cache: once per key per instance (a future per key) and once across instances
 * (a {@code SET NX PX} lock with an owner token, taken by the script that re-reads the entry; waiters
 * poll Redis), and refreshes stale or early-expiring entries in the background under the same lock.
 */
final class EntryLoader {

	private final TwoLevelCache cache;

	private final CacheProperties.Lock lock;

	private final CacheContext context;

	private final EntryWriter writer;

	private final ConcurrentHashMap<String, CompletableFuture<CacheEntry>> inFlight = new ConcurrentHashMap<>();

	EntryLoader(TwoLevelCache cache, CacheProperties.Lock lock, CacheContext context, EntryWriter writer) {
		this.cache = cache;
		this.lock = lock;
		this.context = context;
		this.writer = writer;
	}

	/** The entry of a miss, loaded once per key however many threads ask. */
	CacheEntry load(String key, Callable<?> loader, List<String> tags) {
		CompletableFuture<CacheEntry> mine = new CompletableFuture<>();
		CompletableFuture<CacheEntry> leader = inFlight.putIfAbsent(key, mine);
		if (leader != null) {
			return await(leader);
		}
		try {
			CacheEntry entry = loadOnceAcrossInstances(key, loader, tags);
			mine.complete(entry);
			return entry;
		}
		catch (RuntimeException | Error ex) {
			mine.completeExceptionally(ex);
			throw ex;
		}
		finally {
			inFlight.remove(key, mine);
		}
	}

	private static CacheEntry await(CompletableFuture<CacheEntry> leader) {
		try {
			return leader.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw ex;
		}
	}

	/**
	 * A miss costs three round trips: the lookup's GET, one script that re-reads the entry or takes the
	 * lock, and one that writes the value and releases the lock. A first population publishes no
	 * invalidation (decision 0010). An entry with a pending invalidation skips Redis's copy.
	 */
	private CacheEntry loadOnceAcrossInstances(String key, Callable<?> loader, List<String> tags) {
		if (context.pending().blocks(cache.getName(), key)) {
			return loadAndStore(key, loader, tags, null, true);
		}
		String entryKey = CacheKeys.entry(cache.getName(), key);
		String lockKey = CacheKeys.lock(entryKey);
		long deadline = now() + lock.maxWait().toMillis();
		while (true) {
			HeldLock held = new HeldLock(lockKey, UUID.randomUUID().toString());
			L2Store.Claim claim = context.l2().getOrLock(cache.getName(), entryKey, lockKey, held.token, lock.ttl());
			if (claim == null) {
				return loadAndStore(key, loader, tags, null, true);
			}
			if (claim.value() != null) {
				// A peer landed it since our lookup. An undecodable payload is gone now: load without the lock.
				CacheEntry landed = cache.decode(entryKey, claim.value());
				if (landed != null) {
					cache.putLocal(key, landed);
					return landed;
				}
				return loadAndStore(key, loader, tags, null, true);
			}
			if (claim.locked()) {
				try {
					return loadAndStore(key, loader, tags, held, false);
				}
				finally {
					release(held);
				}
			}
			CacheEntry landed = awaitPeer(key, lockKey, deadline);
			if (landed != null) {
				return landed;
			}
			if (now() >= deadline) {
				return loadAndStore(key, loader, tags, null, true);
			}
		}
	}

	/** Polls for the value another instance is loading; null once its lock is gone without a value. */
	private @Nullable CacheEntry awaitPeer(String key, String lockKey, long deadline) {
		long pollNanos = lock.pollInterval().toNanos();
		while (now() < deadline) {
			LockSupport.parkNanos(pollNanos);
			CacheEntry landed = cache.readL2(key);
			if (landed != null && !landed.stale(now())) {
				cache.putLocal(key, landed);
				return landed;
			}
			if (!context.l2().exists(cache.getName(), lockKey)) {
				return null;
			}
		}
		return null;
	}

	void refreshLater(String key, long seenFreshUntil, Callable<?> loader, List<String> tags) {
		context.refresher().submit(cache.getName(), key, () -> refresh(key, seenFreshUntil, loader, tags));
	}

	/**
	 * Reloads under the cross-instance lock; an instance that does not get it, or finds a newer entry,
	 * skips. A failed refresh keeps the stale value.
	 */
	void refresh(String key, long seenFreshUntil, Callable<?> loader, List<String> tags) {
		CacheMetrics metrics = cache.metrics();
		HeldLock held = new HeldLock(CacheKeys.lock(CacheKeys.entry(cache.getName(), key)),
				UUID.randomUUID().toString());
		Boolean acquired = context.l2().tryLock(cache.getName(), held.key, held.token, lock.ttl());
		if (Boolean.FALSE.equals(acquired)) {
			metrics.refreshSkipped.increment();
			return;
		}
		try {
			CacheEntry current = acquired == null ? null : cache.readL2(key);
			if (current != null && current.freshUntil() > seenFreshUntil) {
				cache.putLocal(key, current);
				metrics.refreshSkipped.increment();
				return;
			}
			// Peers may hold the old value in L1: this store publishes.
			loadAndStore(key, loader, tags, acquired == null ? null : held, true);
			metrics.refreshSuccess.increment();
		}
		catch (RuntimeException ex) {
			metrics.refreshFailure.increment();
		}
		finally {
			if (acquired != null) {
				release(held);
			}
		}
	}

	private CacheEntry loadAndStore(String key, Callable<?> loader, List<String> tags, @Nullable HeldLock held,
			boolean publish) {
		// Read before the load: an invalidation of a tag after this point keeps the result out of Redis.
		List<String> generations = tags.isEmpty() ? null : context.tags().generations(cache.getName(), tags);
		long started = System.nanoTime();
		Object value;
		try {
			value = loader.call();
		}
		catch (Exception ex) {
			cache.metrics().loaded(System.nanoTime() - started, false);
			throw new Cache.ValueRetrievalException(key, loader, ex);
		}
		long nanos = System.nanoTime() - started;
		cache.metrics().loaded(nanos, true);
		CacheEntry entry = CacheEntry.fresh(value, cache.settings(), Math.max(1, nanos / 1_000_000), now());
		if (entry == null) {
			return new CacheEntry(null, 0, 0, 0, CacheEntry.NO_VERSION, 0);
		}
		writer.store(key, entry, tags, held, publish, generations);
		return entry;
	}

	private void release(HeldLock held) {
		if (!held.released) {
			held.released = true;
			context.l2().unlock(cache.getName(), held.key, held.token);
		}
	}

	private static long now() {
		return System.currentTimeMillis();
	}

}
