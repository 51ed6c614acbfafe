package dev.storefront.events;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

/**
 * The field layout of an entry of {@code sf:events}: {@code eventId}, {@code type}, {@code occurredAt},
 * {@code aggregateId}, {@code userId} (absent when the event concerns no user) and {@code payload} (the
 * event record as JSON).
 */
final class StreamEntries {

	static final String EVENT_ID = "eventId";

	static final String TYPE = "type";

	static final String OCCURRED_AT = "occurredAt";

	static final String AGGREGATE_ID = "aggregateId";

	static final String USER_ID = "userId";

	static final String PAYLOAD = "payload";

	private StreamEntries() {
	}

	/** The fields of one event, in stream order. */
	static Map<String, String> encode(DomainEvent event, JsonMapper json) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put(EVENT_ID, event.eventId().toString());
		fields.put(TYPE, event.type());
		fields.put(OCCURRED_AT, event.occurredAt().toString());
		fields.put(AGGREGATE_ID, event.aggregateId());
		if (event.userId() != null) {
			fields.put(USER_ID, event.userId().toString());
		}
		fields.put(PAYLOAD, json.writeValueAsString(event));
		return fields;
	}

	/**
	 * Reads one entry back.
	 * @throws Unparseable if a field is missing or malformed (such entries go straight to the DLQ)
	 */
	static StreamEvent decode(String id, Map<String, String> fields) {
		try {
			String userId = fields.get(USER_ID);
			return new StreamEvent(id, UUID.fromString(required(fields, EVENT_ID)), required(fields, TYPE),
					Instant.parse(required(fields, OCCURRED_AT)), required(fields, AGGREGATE_ID),
					userId == null ? null : Long.valueOf(userId), required(fields, PAYLOAD));
		}
		catch (RuntimeException ex) {
			throw new Unparseable("entry " + id + " is not an event: " + ex.getMessage());
		}
	}

	private static String required(Map<String, String> fields, String name) {
		String value = fields.get(name);
		if (value == null) {
			throw new IllegalArgumentException("no field " + name);
		}
		return value;
	}

	/** An entry that is not an event. */
	static final class Unparseable extends RuntimeException {

		Unparseable(String message) {
			super(message);
		}

	}

}
