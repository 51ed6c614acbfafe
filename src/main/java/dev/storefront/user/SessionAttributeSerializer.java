package dev.storefront.user;

import java.util.Map;

import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.data.redis.serializer.SerializationException;

import tools.jackson.databind.json.JsonMapper;

/**
 * Session values as plain JSON scalars. Only strings, numbers and booleans (and maps of them, which
 * the repository publishes on session creation) are accepted: anything
 * else would need type information in Redis (a deserialization gadget risk) or Java serialization,
 * and fails loudly instead.
 */
class SessionAttributeSerializer implements RedisSerializer<Object> {

	private final JsonMapper mapper = JsonMapper.builder().build();

	@Override
	public byte[] serialize(Object value) {
		if (value == null) {
			return new byte[0];
		}
		if (!isScalar(value) && !(value instanceof Map<?, ?> map && map.values().stream().allMatch(v -> v == null || isScalar(v)))) {
			throw new SerializationException("Session attributes must be strings, numbers or booleans, not "
					+ value.getClass().getName());
		}
		return mapper.writeValueAsBytes(value);
	}

	// Maps of scalars are the "session created" messages the indexed repository publishes.
	private static boolean isScalar(Object value) {
		return value instanceof String || value instanceof Number || value instanceof Boolean;
	}

	@Override
	public Object deserialize(byte[] bytes) {
		if (bytes == null || bytes.length == 0) {
			return null;
		}
		try {
			return mapper.readValue(bytes, Object.class);
		}
		catch (RuntimeException ex) {
			throw new SerializationException("Unreadable session value", ex);
		}
	}

}
