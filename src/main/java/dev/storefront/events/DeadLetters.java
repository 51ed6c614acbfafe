package dev.storefront.events;

import java.util.LinkedHashMap;
import java.util.Map;

import org.redisson.api.RStream;
import org.redisson.api.RedissonClient;
import org.redisson.api.stream.StreamAddArgs;
import org.redisson.api.stream.StreamMessageId;
import org.redisson.client.codec.StringCodec;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * The dead-letter stream {@code sf:events:dlq}. Each entry keeps the source entry as JSON
 * ({@code entry}) with {@code group}, {@code error}, {@code deliveries} and {@code sourceId}, so an
 * operator can read why it failed and replay it.
 */
@Component
class DeadLetters {

	static final String GROUP = "group";

	static final String ERROR = "error";

	static final String DELIVERIES = "deliveries";

	static final String SOURCE_ID = "sourceId";

	static final String ENTRY = "entry";

	private static final TypeReference<Map<String, String>> FIELDS = new TypeReference<>() {
	};

	private final RedissonClient redisson;

	private final JsonMapper json;

	private final EventsProperties properties;

	DeadLetters(RedissonClient redisson, JsonMapper json, EventsProperties properties) {
		this.redisson = redisson;
		this.json = json;
		this.properties = properties;
	}

	/** Adds a failed entry of {@code group}; the caller acks it in the source afterwards. */
	StreamMessageId add(String group, StreamMessageId sourceId, Map<String, String> fields, String error, long deliveries) {
		Map<String, String> letter = new LinkedHashMap<>();
		letter.put(GROUP, group);
		letter.put(ERROR, error == null ? "unknown" : error);
		letter.put(DELIVERIES, String.valueOf(deliveries));
		letter.put(SOURCE_ID, sourceId.toString());
		letter.put(ENTRY, json.writeValueAsString(fields));
		return stream().add(StreamAddArgs.entries(letter).trimNonStrict().maxLen(properties.streamMaxLength()).noLimit());
	}

	/** The newest {@code count} dead letters, newest first. */
	Map<StreamMessageId, Map<String, String>> newest(int count) {
		return stream().rangeReversed(count, StreamMessageId.MAX, StreamMessageId.MIN);
	}

	/**
	 * Adds the source entry to {@code sf:events} again (every group sees it; those that handled its
	 * event id skip it) and removes the dead letter.
	 * @return the new id on {@code sf:events}
	 * @throws DeadLetterNotFound if there is no such dead letter
	 */
	StreamMessageId replay(String id) {
		StreamMessageId letterId = parse(id);
		Map<String, String> letter = stream().range(1, letterId, letterId).get(letterId);
		if (letter == null) {
			throw new DeadLetterNotFound(id);
		}
		Map<String, String> source = json.readValue(letter.get(ENTRY), FIELDS);
		RStream<String, String> events = redisson.getStream(EventKeys.STREAM, StringCodec.INSTANCE);
		StreamMessageId added = events
			.add(StreamAddArgs.entries(source).trimNonStrict().maxLen(properties.streamMaxLength()).noLimit());
		stream().remove(letterId);
		return added;
	}

	/** @throws DeadLetterNotFound if there is no such dead letter */
	void delete(String id) {
		if (stream().remove(parse(id)) == 0) {
			throw new DeadLetterNotFound(id);
		}
	}

	private RStream<String, String> stream() {
		return redisson.getStream(EventKeys.DEAD_LETTERS, StringCodec.INSTANCE);
	}

	static StreamMessageId parse(String id) {
		String[] parts = id.split("-");
		try {
			if (parts.length != 2) {
				throw new NumberFormatException();
			}
			return new StreamMessageId(Long.parseUnsignedLong(parts[0]), Long.parseUnsignedLong(parts[1]));
		}
		catch (NumberFormatException ex) {
			throw new InvalidStreamId(id);
		}
	}

}
