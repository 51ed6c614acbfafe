package dev.storefront.cache;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Typed JSON of one cache: an envelope {@code {"n":version,"f":freshUntil,"x":expiresAt,"d":loadMillis,"v":value}}
 * where the value is read back as the configured type. The version comes first so the write scripts
 * can compare it without decoding the payload. No polymorphic typing is enabled, so a payload can never
 * choose the class it becomes.
 */
final class EntryCodec {

	private final ObjectReader reader;

	private final ObjectWriter writer;

	EntryCodec(JsonMapper mapper, String typeName) {
		if (typeName == null || typeName.isBlank()) {
			throw new IllegalStateException("Each cache needs a type (storefront.cache.caches.<name>.type)");
		}
		JavaType valueType = mapper.getTypeFactory().constructFromCanonical(typeName);
		JavaType envelope = mapper.getTypeFactory().constructParametricType(Envelope.class, valueType);
		this.reader = mapper.readerFor(envelope);
		this.writer = mapper.writerFor(envelope);
	}

	String encode(CacheEntry entry) {
		return writer.writeValueAsString(new Envelope<>(entry.version(), entry.freshUntil(), entry.expiresAt(),
				entry.loadMillis(), entry.value()));
	}

	/** @throws RuntimeException (a Jackson exception) if the payload does not have this cache's shape */
	CacheEntry decode(String json) {
		Envelope<?> envelope = reader.readValue(json);
		return new CacheEntry(envelope.v(), envelope.f(), envelope.x(), envelope.d(), envelope.n(), 0).weighed(json);
	}

	@JsonPropertyOrder({ "n", "f", "x", "d", "v" })
	record Envelope<T>(long n, long f, long x, long d, T v) {
	}

}
