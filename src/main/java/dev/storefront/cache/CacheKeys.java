package dev.storefront.cache;

import io.lettuce.core.cluster.SlotHash;

/**
 * Every Redis name this module uses. Entry keys carry the value schema version, so a deploy whose
 * DTOs changed shape bumps {@link #VERSION} and never reads the old shapes.
 */
final class CacheKeys {

	static final String VERSION = "v1";

	static final String ENTRY_PREFIX = "sf:cache:" + VERSION + ":";

	/** The one pub/sub channel of L1 invalidations (standalone and Sentinel). */
	static final String CHANNEL = "sf:cache:invalidations";

	/**
	 * On a Cluster, the sharded channels {@code sf:cache:invalidations:{0}} .. {@code {K-1}}: the hash tag spreads
	 * them over slots, a key's invalidations always take the same one.
	 */
	static final String SHARDED_CHANNEL_PREFIX = CHANNEL + ":";

	private CacheKeys() {
	}

	/** {@code sf:cache:v1:<cache>:<key>}. */
	static String entry(String cache, String key) {
		return ENTRY_PREFIX + cache + ":" + key;
	}

	/** The SCAN pattern of one cache's entries. */
	static String entryPattern(String cache) {
		return ENTRY_PREFIX + cache + ":*";
	}

	/** {cache, key} of an entry key, or null if it is not one. */
	static String[] parseEntry(String redisKey) {
		if (!redisKey.startsWith(ENTRY_PREFIX)) {
			return null;
		}
		String rest = redisKey.substring(ENTRY_PREFIX.length());
		int colon = rest.indexOf(':');
		return colon < 0 ? null : new String[] { rest.substring(0, colon), rest.substring(colon + 1) };
	}

	/**
	 * The loader lock of one entry: {@code sf:cache:lock:{<tag>}:<cache>:<key>}, where {@code <tag>} is a
	 * short string that hashes to the entry's own cluster slot. One Lua script can then read the entry and
	 * take or release the lock in a single round trip and stay cluster-safe, whatever braces the key has.
	 */
	static String lock(String entryKey) {
		return "sf:cache:lock:{" + SlotTags.TAGS[SlotHash.getSlot(entryKey)] + "}:"
				+ entryKey.substring(ENTRY_PREFIX.length());
	}

	/** A tag's member set; the hash tag keeps it in one slot with its detached copies. */
	static String tag(String tag) {
		return "sf:cache:tag:{" + tag + "}";
	}

	/** A tag's invalidation count, in the tag set's slot. */
	static String tagGeneration(String tag) {
		return tag(tag) + ":gen";
	}

	/** Where an invalidation moves a tag set first, atomically and in the same slot. */
	static String detachedTag(String tag, String token) {
		return tag(tag) + ":detached:" + token;
	}

	/** For each of the 16384 cluster slots, the shortest decimal number that hashes to it (computed once). */
	private static final class SlotTags {

		static final String[] TAGS = new String[SlotHash.SLOT_COUNT];

		static {
			int missing = TAGS.length;
			for (int i = 0; missing > 0; i++) {
				String tag = Integer.toString(i);
				int slot = SlotHash.getSlot(tag);
				if (TAGS[slot] == null) {
					TAGS[slot] = tag;
					missing--;
				}
			}
		}

	}

	/** The key Spring's stock RedisCacheManager uses in {@code redis} mode. */
	static String stockPrefix(String cache) {
		return "sf:cache:stock:" + cache + ":";
	}

}
