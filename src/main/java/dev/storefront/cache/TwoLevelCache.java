package dev.storefront.cache;

import java.util.List;
import java.util.concurrent.Callable;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;

import org.springframework.cache.Cache;
import org.springframework.cache.support.SimpleValueWrapper;

/**
 * One cache over Caffeine (L1) and Redis (L2): the Spring {@link Cache} adapter. Misses are loaded by
 * the {@link EntryLoader} (single flight within and across instances) and written by the
 * {@link EntryWriter}. Stale and early-refresh hits return at once and refresh in the background.
 */
final class TwoLevelCache implements Cache {

	private final String name;

	private final CacheSettings settings;

	private final EntryCodec codec;

	private final CacheContext context;

	private final CacheMetrics metrics;

	private final com.github.benmanes.caffeine.cache.Cache<String, CacheEntry> l1;

	private final EntryWriter writer;

	private final EntryLoader loader;

	TwoLevelCache(String name, CacheSettings settings, EntryCodec codec, CacheProperties.Lock lock,
			CacheContext context) {
		this.name = name;
		this.settings = settings;
		this.codec = codec;
		this.context = context;
		this.metrics = new CacheMetrics(name, context.meters());
		this.l1 = l1(settings.l1());
		this.writer = new EntryWriter(this, context);
		this.loader = new EntryLoader(this, lock, context, writer);
	}

	/** Bounded by weight in bytes when {@code max-weight} is set (listings vary in size), else by count. */
	private static com.github.benmanes.caffeine.cache.Cache<String, CacheEntry> l1(CacheSettings.L1 l1) {
		Caffeine<Object, Object> builder = Caffeine.newBuilder().expireAfterWrite(l1.ttl());
		if (l1.maxWeight() != null) {
			return builder.maximumWeight(l1.maxWeight().toBytes())
				.<String, CacheEntry>weigher((key, entry) -> 40 + 2 * key.length() + entry.weight())
				.build();
		}
		return builder.maximumSize(l1.maxSize()).build();
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
	Object get(String key, Callable<?> valueLoader, List<String> tags) {
		CacheEntry entry = lookup(key);
		if (entry == null) {
			if (settings.prewarmOnExpiry()) {
				context.prewarmer().remember(CacheKeys.entry(name, key), valueLoader, tags);
			}
			return loader.load(key, valueLoader, tags).value();
		}
		long now = now();
		if (entry.stale(now)) {
			metrics.staleServed.increment();
			loader.refreshLater(key, entry.freshUntil(), valueLoader, tags);
		}
		else if (entry.refreshEarly(now, settings.earlyRefreshBeta())) {
			loader.refreshLater(key, entry.freshUntil(), valueLoader, tags);
		}
		return entry.value();
	}

	/** Write-through: never replaces a newer version in Redis; a failed write is replayed as an evict. */
	@Override
	public void put(Object key, @Nullable Object value) {
		String k = keyOf(key);
		CacheEntry entry = CacheEntry.fresh(value, settings, 0, now());
		if (entry == null) {
			evict(k);
			return;
		}
		writer.store(k, entry, List.of(), null, true, null);
	}

	@Override
	public void evict(Object key) {
		String k = keyOf(key);
		l1.invalidate(k);
		boolean unlinked = context.l2().unlink(name, CacheKeys.entry(name, k));
		if (!(unlinked && context.invalidations().publishEvict(name, k))) {
			context.pending().evict(name, k);
		}
		metrics.evictions.increment();
	}

	@Override
	public void clear() {
		l1.invalidateAll();
		boolean cleared = context.l2().guard().run(name, "clear",
				() -> context.scanner().unlinkMatching(CacheKeys.entryPattern(name)));
		if (!(cleared && context.invalidations().publishClear(name))) {
			context.pending().clear(name);
		}
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

	/** Reloads one entry under the cross-instance lock (background refresh and pre-warm). */
	void refresh(String key, long seenFreshUntil, Callable<?> valueLoader, List<String> tags) {
		loader.refresh(key, seenFreshUntil, valueLoader, tags);
	}

	private @Nullable CacheEntry lookup(String key) {
		CacheEntry entry = l1.getIfPresent(key);
		if (entry != null && !entry.expired(now())) {
			metrics.l1Hit.increment();
			return entry;
		}
		metrics.l1Miss.increment();
		entry = context.pending().blocks(name, key) ? null : readL2(key);
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
