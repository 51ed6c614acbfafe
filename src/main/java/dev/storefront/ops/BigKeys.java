package dev.storefront.ops;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

/**
 * The {@code bigkeys} part: the largest sampled keys, and the sampled collections with more elements than
 * the threshold together with their encoding (OBJECT ENCODING: a {@code listpack} that grew into a
 * {@code hashtable} costs far more memory per element).
 */
final class BigKeys {

	private final int top;

	private final long elementThreshold;

	BigKeys(int top, long elementThreshold) {
		this.top = top;
		this.elementThreshold = elementThreshold;
	}

	/**
	 * @param largest the largest sampled keys, largest first
	 * @param largeCollections the sampled collections over the element threshold
	 * @param failedNodes the masters that could not be sampled, with the reason
	 */
	record Report(List<BigKey> largest, List<BigCollection> largeCollections, Map<String, String> failedNodes) {
	}

	/**
	 * @param node where the key lives
	 * @param key the key
	 * @param type its Redis type
	 * @param bytes MEMORY USAGE
	 */
	record BigKey(String node, String key, String type, long bytes) {
	}

	/**
	 * @param node where the key lives
	 * @param key the key
	 * @param type its Redis type
	 * @param elements its length (HLEN, SCARD, ZCARD, LLEN or XLEN)
	 * @param encoding OBJECT ENCODING
	 */
	record BigCollection(String node, String key, String type, long elements, String encoding) {
	}

	/** One node's sample with its large collections. */
	record NodeKeys(KeySampler.Sample sample, List<BigCollection> collections) {
	}

	/** Looks up the length of each sampled collection (one pipeline) and the encoding of the large ones. */
	List<BigCollection> collections(RedisNodes.Node node, KeySampler.Sample sample) {
		var redis = node.commands();
		List<KeySampler.Key> candidates = new ArrayList<>();
		List<RedisFuture<Long>> lengths = new ArrayList<>();
		for (KeySampler.Key key : sample.sample()) {
			RedisFuture<Long> length = length(redis, key);
			if (length != null) {
				candidates.add(key);
				lengths.add(length);
			}
		}
		List<BigCollection> large = new ArrayList<>();
		for (int i = 0; i < candidates.size(); i++) {
			Long elements = node.await(lengths.get(i));
			if (elements != null && elements > elementThreshold) {
				KeySampler.Key key = candidates.get(i);
				String encoding = node.await(redis.objectEncoding(bytes(key)));
				large.add(new BigCollection(node.name(), key.key(), key.type(), elements, encoding));
			}
		}
		return large;
	}

	Report report(Map<String, NodeKeys> byNode, Map<String, String> failedNodes) {
		List<BigKey> largest = new ArrayList<>();
		List<BigCollection> collections = new ArrayList<>();
		byNode.forEach((node, keys) -> {
			keys.sample().sample().forEach(key -> largest.add(new BigKey(node, key.key(), key.type(), key.bytes())));
			collections.addAll(keys.collections());
		});
		largest.sort(Comparator.comparingLong(BigKey::bytes).reversed());
		collections.sort(Comparator.comparingLong(BigCollection::elements).reversed());
		return new Report(List.copyOf(largest.subList(0, Math.min(top, largest.size()))), collections, failedNodes);
	}

	private static RedisFuture<Long> length(RedisClusterAsyncCommands<byte[], byte[]> redis, KeySampler.Key key) {
		byte[] name = bytes(key);
		return switch (key.type()) {
			case "hash" -> redis.hlen(name);
			case "set" -> redis.scard(name);
			case "zset" -> redis.zcard(name);
			case "list" -> redis.llen(name);
			case "stream" -> redis.xlen(name);
			default -> null;
		};
	}

	private static byte[] bytes(KeySampler.Key key) {
		return key.key().getBytes(StandardCharsets.UTF_8);
	}

}
