package dev.storefront.ops;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code memory} part: memory by key pattern over the samples of every master of one Redis.
 *
 * @param keys the keys on all sampled nodes (DBSIZE)
 * @param sampledKeys how many of them were looked at
 * @param patterns the patterns, largest estimated total first
 * @param failedNodes the masters that could not be sampled, with the reason
 */
record MemoryReport(long keys, long sampledKeys, List<PatternUsage> patterns, Map<String, String> failedNodes) {

	/**
	 * @param pattern the normalised key name ({@link KeyPatterns})
	 * @param sampledKeys keys of this pattern in the sample
	 * @param estimatedKeys sampled keys scaled to the whole keyspace
	 * @param sampledBytes MEMORY USAGE of the sampled keys
	 * @param estimatedTotalBytes sampled bytes scaled to the whole keyspace
	 * @param largestKey the largest sampled key of this pattern
	 * @param largestKeyBytes its size
	 */
	record PatternUsage(String pattern, long sampledKeys, long estimatedKeys, long sampledBytes,
			long estimatedTotalBytes, String largestKey, long largestKeyBytes) {
	}

	static MemoryReport of(List<KeySampler.Sample> samples, Map<String, String> failedNodes) {
		Map<String, Totals> byPattern = new HashMap<>();
		long keys = 0;
		long sampled = 0;
		for (KeySampler.Sample sample : samples) {
			keys += sample.dbsize();
			sampled += sample.sample().size();
			double scale = sample.scale();
			for (KeySampler.Key key : sample.sample()) {
				byPattern.computeIfAbsent(KeyPatterns.of(key.key()), p -> new Totals()).add(key, scale);
			}
		}
		List<PatternUsage> patterns = new ArrayList<>();
		byPattern.forEach((pattern, totals) -> patterns.add(totals.usage(pattern)));
		patterns.sort(Comparator.comparingLong(PatternUsage::estimatedTotalBytes).reversed());
		return new MemoryReport(keys, sampled, patterns, failedNodes);
	}

	private static final class Totals {

		long keys;

		double estimatedKeys;

		long bytes;

		double estimatedBytes;

		KeySampler.Key largest;

		void add(KeySampler.Key key, double scale) {
			keys++;
			estimatedKeys += scale;
			bytes += key.bytes();
			estimatedBytes += key.bytes() * scale;
			if (largest == null || key.bytes() > largest.bytes()) {
				largest = key;
			}
		}

		PatternUsage usage(String pattern) {
			return new PatternUsage(pattern, keys, Math.round(estimatedKeys), bytes, Math.round(estimatedBytes),
					largest.key(), largest.bytes());
		}

	}

}
