package dev.storefront.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.redisson.api.RStream;
import org.redisson.api.RedissonClient;
import org.redisson.api.stream.StreamMessageId;
import org.redisson.client.codec.StringCodec;

/**
 * Reads the raw state of the streams for assertions, and makes test events.
 */
final class StreamProbe {

	private final RedissonClient redisson;

	StreamProbe(RedissonClient redisson) {
		this.redisson = redisson;
	}

	RStream<String, String> events() {
		return redisson.getStream(EventKeys.STREAM, StringCodec.INSTANCE);
	}

	RStream<String, String> deadLetters() {
		return redisson.getStream(EventKeys.DEAD_LETTERS, StringCodec.INSTANCE);
	}

	/** The entries of sf:events whose field {@code name} equals {@code value} (the stream is small in tests). */
	List<Map.Entry<StreamMessageId, Map<String, String>>> entriesWhere(String name, String value) {
		if (!events().isExists()) {
			return List.of();
		}
		return events().range(StreamMessageId.MIN, StreamMessageId.MAX).entrySet().stream()
			.filter(entry -> value.equals(entry.getValue().get(name)))
			.toList();
	}

	/** The entries of sf:events about one aggregate with one of the given types (order and product ids overlap). */
	List<Map.Entry<StreamMessageId, Map<String, String>>> entriesOf(String aggregateId, String... types) {
		List<String> wanted = List.of(types);
		return entriesWhere(StreamEntries.AGGREGATE_ID, aggregateId).stream()
			.filter(entry -> wanted.contains(entry.getValue().get(StreamEntries.TYPE)))
			.toList();
	}

	/** Dead letters whose source entry is {@code sourceId}. */
	List<Map<String, String>> deadLettersOf(StreamMessageId sourceId) {
		if (!deadLetters().isExists()) {
			return List.of();
		}
		return deadLetters().range(StreamMessageId.MIN, StreamMessageId.MAX).values().stream()
			.filter(letter -> sourceId.toString().equals(letter.get(DeadLetters.SOURCE_ID)))
			.toList();
	}

	/** How many entries {@code group} still has pending in the range {@code id..id}. */
	int pending(String group, StreamMessageId id) {
		return events().listPending(group, id, id, 10).size();
	}

	/** A domain event of no real module, for tests of the stream machinery. */
	record Probe(UUID eventId, Instant occurredAt, String aggregateId, Long userId, String note) implements DomainEvent {

		static Probe of(String note) {
			return new Probe(UUID.randomUUID(), Instant.now(), "probe-" + note, null, note);
		}

	}

}
