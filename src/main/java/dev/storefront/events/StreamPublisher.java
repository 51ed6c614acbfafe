package dev.storefront.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Adds one domain event to {@code sf:events} ({@code MAXLEN ~}), at most once per event id. Called by
 * the outbox's externalizer on Spring Modulith's async listener thread, never on a request thread: a
 * failure here leaves the publication incomplete in PostgreSQL for the resubmitter.
 */
@Component
class StreamPublisher {

	private static final Logger log = LoggerFactory.getLogger(StreamPublisher.class);

	private final StringRedisTemplate redis;

	private final JsonMapper json;

	private final EventsProperties properties;

	private final EventMetrics metrics;

	StreamPublisher(StringRedisTemplate redis, JsonMapper json, EventsProperties properties, EventMetrics metrics) {
		this.redis = redis;
		this.json = json;
		this.properties = properties;
		this.metrics = metrics;
	}

	/**
	 * Externalizes one event; the returned future fails when Redis does, which leaves the publication
	 * incomplete.
	 */
	CompletableFuture<?> externalize(Object event) {
		try {
			return CompletableFuture.completedFuture(publish((DomainEvent) event));
		}
		catch (RuntimeException ex) {
			log.warn("Event {} not added to {}; it stays in the outbox: {}", ((DomainEvent) event).eventId(),
					EventKeys.STREAM, ex.toString());
			return CompletableFuture.failedFuture(ex);
		}
	}

	/** @return the new entry id, or {@code null} when the event was already on the stream */
	String publish(DomainEvent event) {
		Map<String, String> fields = StreamEntries.encode(event, json);
		List<String> args = new ArrayList<>(2 + fields.size() * 2);
		args.add(String.valueOf(properties.publishedTtl().toMillis()));
		args.add(String.valueOf(properties.streamMaxLength()));
		fields.forEach((name, value) -> {
			args.add(name);
			args.add(value);
		});
		String id = redis.execute(EventScripts.PUBLISH, List.of(EventKeys.STREAM, EventKeys.published(event.eventId())),
				args.toArray());
		if (id != null) {
			metrics.published();
			log.debug("Event {} {} added as {}", event.type(), event.eventId(), id);
		}
		else {
			log.info("Event {} was already on {}; not added again", event.eventId(), EventKeys.STREAM);
		}
		return id;
	}

}
