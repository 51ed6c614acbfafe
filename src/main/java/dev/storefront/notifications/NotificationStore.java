package dev.storefront.notifications;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The capped notification streams: one per user ({@code sf:notify:{user:<id>}}) and one for the
 * administrators. Appends are idempotent per event, so a redelivered stream entry adds nothing.
 */
@Component
class NotificationStore {

	private static final TypeReference<Map<String, Object>> DATA = new TypeReference<>() {
	};

	private final StringRedisTemplate redis;

	private final JsonMapper json;

	private final NotificationProperties properties;

	NotificationStore(StringRedisTemplate redis, JsonMapper json, NotificationProperties properties) {
		this.redis = redis;
		this.json = json;
		this.properties = properties;
	}

	/**
	 * Appends a notification to {@code stream} unless {@code eventId} already produced one there.
	 * @return the notification (with the id of the first append on a redelivery) and whether it is new
	 */
	Appended append(String stream, UUID eventId, String type, Instant createdAt, Map<String, Object> data) {
		String ttl = String.valueOf(properties.historyTtl().toSeconds());
		List<Object> reply = redis.execute(NotificationScripts.APPEND,
				List.of(stream, NotificationKeys.seen(stream, eventId)), String.valueOf(properties.historyLength()), ttl,
				type, createdAt.toString(), json.writeValueAsString(data));
		String id = (String) reply.get(0);
		return new Appended(new Notification(id, type, createdAt, data), ((Number) reply.get(1)).longValue() == 1);
	}

	/** Up to {@code pageSize} notifications of {@code stream} after {@code afterId} (all when null), oldest first. */
	List<Notification> after(String stream, String afterId) {
		Range<String> range = afterId == null ? Range.unbounded()
				: Range.of(Range.Bound.exclusive(afterId), Range.Bound.unbounded());
		List<MapRecord<String, Object, Object>> records = redis.opsForStream()
			.range(stream, range, Limit.limit().count(properties.pageSize()));
		return records == null ? List.of() : records.stream().map(this::toNotification).toList();
	}

	/** Whether Redis answers now; a disconnected client fails at once instead of waiting. */
	boolean available() {
		try {
			return "PONG".equals(redis.execute(connection -> connection.ping(), true));
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private Notification toNotification(MapRecord<String, Object, Object> record) {
		Map<Object, Object> fields = record.getValue();
		return new Notification(record.getId().getValue(), (String) fields.get("type"),
				Instant.parse((String) fields.get("createdAt")), json.readValue((String) fields.get("data"), DATA));
	}

	/** The outcome of {@link #append}. */
	record Appended(Notification notification, boolean created) {
	}

}
