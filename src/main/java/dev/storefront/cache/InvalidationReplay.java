package dev.storefront.cache;

import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the {@link PendingInvalidations} once Redis answers again: unlinks the remembered keys and
 * publishes their evictions, clears (SCAN per master + UNLINK) the caches that overflowed, and finishes
 * failed tag invalidations (the members of a detached set first, then the tag again). What fails stays
 * pending for the next attempt. Runs on the stack's keeper thread: on recovery and every second.
 */
final class InvalidationReplay {

	private static final Logger log = LoggerFactory.getLogger(InvalidationReplay.class);

	private static final int BATCH = 500;

	// Above this many keys of one cache, one "clear L1" message beats a message per key.
	private static final int CLEAR_PEERS_ABOVE = 100;

	private final PendingInvalidations pending;

	private final CacheContext context;

	InvalidationReplay(PendingInvalidations pending, CacheContext context) {
		this.pending = pending;
		this.context = context;
	}

	synchronized void replayIfPending() {
		if (pending.isEmpty()) {
			return;
		}
		int before = pending.size();
		clears();
		evicts();
		tags();
		int after = pending.size();
		if (after < before) {
			log.info("Replayed cache invalidations missed while Redis failed: {} pending before, {} after", before,
					after);
		}
	}

	private void clears() {
		for (String cache : pending.clears()) {
			boolean unlinked = context.l2().guard().run(cache, "clear",
					() -> context.scanner().unlinkMatching(CacheKeys.entryPattern(cache)));
			if (unlinked && context.invalidations().publishClear(cache)) {
				TwoLevelCache local = context.invalidations().cache(cache);
				if (local != null) {
					local.clearLocal();
				}
				pending.cleared(cache);
			}
		}
	}

	private void evicts() {
		for (String cache : pending.cachesWithKeys()) {
			List<String> keys = pending.pendingKeys(cache);
			for (int from = 0; from < keys.size(); from += BATCH) {
				List<String> batch = keys.subList(from, Math.min(keys.size(), from + BATCH));
				List<String> entryKeys = batch.stream().map(key -> CacheKeys.entry(cache, key)).toList();
				if (context.l2().unlinkAll(cache, entryKeys) && publish(cache, batch)) {
					pending.evicted(cache, batch);
				}
			}
		}
	}

	private boolean publish(String cache, List<String> keys) {
		if (keys.size() > CLEAR_PEERS_ABOVE) {
			return context.invalidations().publishClear(cache);
		}
		for (String key : keys) {
			if (!context.invalidations().publishEvict(cache, key)) {
				return false;
			}
		}
		return true;
	}

	private void tags() {
		for (Map.Entry<String, String> failed : pending.tags().entrySet()) {
			String tag = failed.getKey();
			if (context.tags().unlinkDetached(failed.getValue(), context.invalidations()::evictEntries) < 0) {
				continue;
			}
			if (context.tags().invalidate(tag, TagIndex.newDetached(tag), context.invalidations()::evictEntries) >= 0) {
				pending.invalidated(tag, failed.getValue());
			}
		}
	}

}
