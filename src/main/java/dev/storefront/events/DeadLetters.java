package dev.storefront.events;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

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

	/** Each part of an accepted stream id is below this (2^63-1). */
	static final long MAX_ID_PART = Long.MAX_VALUE;

	private static final Pattern STREAM_ID = Pattern.compile("[0-9]{1,19}-[0-9]{1,19}");

	private RStream<String, String> stream() {
		return redisson.getStream(EventKeys.DEAD_LETTERS, StringCodec.INSTANCE);
	}

	/**
	 * A stream id from a request: two parts of digits only, each below {@link #MAX_ID_PART}. Redis allows
	 * unsigned 64-bit parts, but Redisson carries them as signed longs (2^64-1 became {@code -1-0}, which
	 * Redis refused with an error, a 500), and the exclusive cursor of {@code history} needs the next id
	 * ({@code <ms>-<seq+1>}) to exist. Real ids are a millisecond time and a small sequence, far below.
	 * @throws InvalidStreamId otherwise (a 400 problem)
	 */
	static StreamMessageId parse(String id) {
		if (!STREAM_ID.matcher(id).matches()) {
			throw new InvalidStreamId(id);
		}
		int dash = id.indexOf('-');
		try {
			long millis = Long.parseLong(id, 0, dash, 10);
			long sequence = Long.parseLong(id, dash + 1, id.length(), 10);
			if (millis >= MAX_ID_PART || sequence >= MAX_ID_PART) {
				throw new InvalidStreamId(id);
			}
			return new StreamMessageId(millis, sequence);
		}
		catch (NumberFormatException ex) {
			throw new InvalidStreamId(id);
		}
	}

}
