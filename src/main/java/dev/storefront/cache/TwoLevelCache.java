package dev.storefront.cache;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;

import org.springframework.cache.Cache;
import org.springframework.cache.support.SimpleValueWrapper;

/**
 * One cache over Caffeine (L1) and Redis (L2). Misses load once per key per instance (a future per
 * key) and once across instances (a {@code SET NX PX} lock with an owner token, taken by the script that
 * re-reads the entry; waiters poll Redis).
 * Stale and early-refresh hits return at once and refresh in the background.
 */
final class TwoLevelCache implements Cache {

	private final String name;

	private final CacheSettings settings;

	private final EntryCodec codec;

	private final CacheProperties.Lock lock;

	private final CacheContext context;

	private final CacheMetrics metrics;

	private final com.github.benmanes.caffeine.cache.Cache<String, CacheEntry> l1;

	private final ConcurrentHashMap<String, CompletableFuture<CacheEntry>> inFlight = new ConcurrentHashMap<>();

	TwoLevelCache(String name, CacheSettings settings, EntryCodec codec, CacheProperties.Lock lock,
			CacheContext context) {
		this.name = name;
		this.settings = settings;
		this.codec = codec;
		this.lock = lock;
		this.context = context;
		this.metrics = new CacheMetrics(name, context.meters());
		this.l1 = Caffeine.newBuilder()
			.maximumSize(settings.l1().maxSize())
			.expireAfterWrite(settings.l1().ttl())
			.build();
	}

	@Override
	public String getName() {
		return name;
	}

	@Override
	public Object getNativeCache() {
		return l1;
	}

	CacheSettings settings() {
		return settings;
	}

	CacheMetrics metrics() {
		return metrics;
	}

	/** Without a loader a stale value cannot be refreshed, so it counts as a miss here. */
	@Override
	public @Nullable ValueWrapper get(Object key) {
		CacheEntry entry = lookup(keyOf(key));
		return entry == null || entry.stale(now()) ? null : new SimpleValueWrapper(entry.value());
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> @Nullable T get(Object key, @Nullable Class<T> type) {
		ValueWrapper wrapper = get(key);
		Object value = wrapper == null ? null : wrapper.get();
		if (value != null && type != null && !type.isInstance(value)) {
			throw new IllegalStateException("Cached value is not of required type [" + type.getName() + "]: " + value);
		}
		return (T) value;
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> @Nullable T get(Object key, Callable<T> valueLoader) {
		return (T) get(keyOf(key), valueLoader, List.of());
	}

	/** The read path of {@code @Cacheable(sync = true)} and of tagged entries. */
	Object get(String key, Callable<?> loader, Collection<String> tags) {
		CacheEntry entry = lookup(key);
		if (entry == null) {
			if (settings.prewarmOnExpiry()) {
				context.prewarmer().remember(CacheKeys.entry(name, key), loader, tags);
			}
			return load(key, loader, tags).value();
		}
		long now = now();
		if (entry.stale(now)) {
			metrics.staleServed.increment();
			refreshLater(key, entry.freshUntil(), loader, tags);
		}
		else if (entry.refreshEarly(now, settings.earlyRefreshBeta())) {
			refreshLater(key, entry.freshUntil(), loader, tags);
		}
		return entry.value();
	}

	@Override
	public void put(Object key, @Nullable Object value) {
		String k = keyOf(key);
		CacheEntry entry = newEntry(value, 0);
		if (entry == null) {
			evict(k);
			return;
		}
		store(k, entry, List.of(), null, true);
	}

	@Override
	public void evict(Object key) {
		String k = keyOf(key);
		l1.invalidate(k);
		context.l2().unlink(name, CacheKeys.entry(name, k));
		context.invalidations().publishEvict(name, k);
		metrics.evictions.increment();
	}

	@Override
	public void clear() {
		l1.invalidateAll();
		context.l2().guard().run(name, "clear", () -> context.scanner().unlinkMatching(CacheKeys.entryPattern(name)));
		context.invalidations().publishClear(name);
		metrics.evictions.increment();
	}

	void evictLocal(String key) {
		l1.invalidate(key);
	}

	void clearLocal() {
		l1.invalidateAll();
	}

	@Nullable CacheEntry peekLocal(String key) {
		return l1.getIfPresent(key);
	}

	void putLocal(String key, CacheEntry entry) {
		l1.put(key, entry);
	}

	private @Nullable CacheEntry lookup(String key) {
		CacheEntry entry = l1.getIfPresent(key);
		if (entry != null && !entry.expired(now())) {
			metrics.l1Hit.increment();
			return entry;
		}
		metrics.l1Miss.increment();
		entry = readL2(key);
		if (entry == null) {
			metrics.l2Miss.increment();
			return null;
		}
		metrics.l2Hit.increment();
		l1.put(key, entry);
		return entry;
	}

	@Nullable CacheEntry readL2(String key) {
		String entryKey = CacheKeys.entry(name, key);
		return decode(entryKey, context.l2().get(name, entryKey));
	}

	/** A payload of another shape (a bug, a rogue writer) is a miss and is removed, never an error. */
	@Nullable CacheEntry decode(String entryKey, @Nullable String json) {
		if (json == null) {
			return null;
		}
		try {
			CacheEntry entry = codec.decode(json);
			return entry.expired(now()) ? null : entry;
		}
		catch (RuntimeException ex) {
			metrics.decodeErrors.increment();
			context.l2().unlink(name, entryKey);
			return null;
		}
	}

	private CacheEntry load(String key, Callable<?> loader, Collection<String> tags) {
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
	 * invalidation (see {@link #store}).
	 */
	private CacheEntry loadOnceAcrossInstances(String key, Callable<?> loader, Collection<String> tags) {
		String entryKey = CacheKeys.entry(name, key);
		String lockKey = CacheKeys.lock(entryKey);
		long deadline = now() + lock.maxWait().toMillis();
		while (true) {
			HeldLock held = new HeldLock(lockKey, UUID.randomUUID().toString());
			L2Store.Claim claim = context.l2().getOrLock(name, entryKey, lockKey, held.token, lock.ttl());
			if (claim == null) {
				return loadAndStore(key, loader, tags, null, true);
			}
			if (claim.value() != null) {
				// A peer landed it since our lookup. An undecodable payload is gone now: load without the lock.
				CacheEntry landed = decode(entryKey, claim.value());
				if (landed != null) {
					l1.put(key, landed);
					return landed;
				}
				return loadAndStore(key, loader, tags, null, true);
			}
			if (claim.locked()) {
				try {
					return loadAndStore(key, loader, tags, held, false);
				}
				finally {
					held.release();
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
			CacheEntry landed = readL2(key);
			if (landed != null && !landed.stale(now())) {
				l1.put(key, landed);
				return landed;
			}
			if (!context.l2().exists(name, lockKey)) {
				return null;
			}
		}
		return null;
	}

	private void refreshLater(String key, long seenFreshUntil, Callable<?> loader, Collection<String> tags) {
		context.refresher().submit(name, key, () -> refresh(key, seenFreshUntil, loader, tags));
	}

	/**
	 * Reloads under the cross-instance lock; an instance that does not get it, or finds a newer entry,
	 * skips. A failed refresh keeps the stale value.
	 */
	void refresh(String key, long seenFreshUntil, Callable<?> loader, Collection<String> tags) {
		HeldLock held = new HeldLock(CacheKeys.lock(CacheKeys.entry(name, key)), UUID.randomUUID().toString());
		Boolean acquired = context.l2().tryLock(name, held.key, held.token, lock.ttl());
		if (Boolean.FALSE.equals(acquired)) {
			metrics.refreshSkipped.increment();
			return;
		}
		try {
			CacheEntry current = acquired == null ? null : readL2(key);
			if (current != null && current.freshUntil() > seenFreshUntil) {
				l1.put(key, current);
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
				held.release();
			}
		}
	}

	private CacheEntry loadAndStore(String key, Callable<?> loader, Collection<String> tags, @Nullable HeldLock held,
			boolean publish) {
		long started = System.nanoTime();
		Object value;
		try {
			value = loader.call();
		}
		catch (Exception ex) {
			metrics.loaded(System.nanoTime() - started, false);
			throw new ValueRetrievalException(key, loader, ex);
		}
		long nanos = System.nanoTime() - started;
		metrics.loaded(nanos, true);
		CacheEntry entry = newEntry(value, Math.max(1, nanos / 1_000_000));
		if (entry == null) {
			return new CacheEntry(null, 0, 0, 0);
		}
		store(key, entry, tags, held, publish);
		return entry;
	}

	/** A fresh entry with a jittered TTL, or null when the value is null and negative caching is off. */
	@Nullable CacheEntry newEntry(@Nullable Object value, long loadMillis) {
		long now = now();
		if (value == null) {
			long nullTtl = settings.nullTtl().toMillis();
			return nullTtl <= 0 ? null : new CacheEntry(null, now + nullTtl, now + nullTtl, loadMillis);
		}
		long ttl = settings.ttl().toMillis();
		long fresh = now + ttl + (long) (ttl * settings.ttlJitter() * ThreadLocalRandom.current().nextDouble());
		return new CacheEntry(value, fresh, fresh + settings.staleTtl().toMillis(), loadMillis);
	}

	/**
	 * Writes L1, the tags (first: an invalidation that runs between the two steps still finds the key),
	 * then L2, releasing {@code held} in the same round trip.
	 * <p>
	 * {@code publish=false} is for a first population, a load after Redis had no entry: no peer can then
	 * serve an older copy from L1 that a real write should have removed. Peers' L1 copies are never served
	 * past the entry's own expiry (checked on every L1 read), and everything else that removes an entry
	 * (evict, clear, put, tag invalidation) publishes itself; after a disconnect L1 is cleared anyway. What
	 * remains is an entry Redis dropped early (maxmemory eviction): a peer may then serve its copy, which
	 * was a valid cached value, until its own L1 TTL, as any cache would until its TTL.
	 */
	private void store(String key, CacheEntry entry, Collection<String> tags, @Nullable HeldLock held,
			boolean publish) {
		String entryKey = CacheKeys.entry(name, key);
		l1.put(key, entry);
		if (!tags.isEmpty()) {
			context.tags().add(name, tags, entryKey, entry.ttlMillis(now()));
		}
		String json;
		try {
			json = codec.encode(entry);
		}
		catch (RuntimeException ex) {
			metrics.encodeErrors.increment();
			return;
		}
		if (held != null && !held.released) {
			held.released = true;
			context.l2().setAndUnlock(name, entryKey, json, entry.ttlMillis(now()), held.key, held.token);
		}
		else {
			context.l2().set(name, entryKey, json, entry.ttlMillis(now()));
		}
		if (publish) {
			context.invalidations().publishEvict(name, key);
		}
	}

	/** A loader lock this thread holds; released once, by the write of the value or by an unlock. */
	private final class HeldLock {

		final String key;

		final String token;

		boolean released;

		HeldLock(String key, String token) {
			this.key = key;
			this.token = token;
		}

		void release() {
			if (!released) {
				released = true;
				context.l2().unlock(name, key, token);
			}
		}

	}

	String encode(CacheEntry entry) {
		return codec.encode(entry);
	}

	static String keyOf(Object key) {
		return String.valueOf(key);
	}

	private static long now() {
		return System.currentTimeMillis();
	}

}
