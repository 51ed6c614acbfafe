package dev.storefront.events;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RedissonClient;
import org.redisson.api.stream.StreamMessageId;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one batch of entries through a group's handler: parse, claim the event id, handle, then mark,
 * ack and dead-letter in as few round trips as possible (one batch to claim, one to settle).
 * <p>
 * Idempotency per group is a marker {@code sf:events:handled:<group>:<eventId>}: {@code SET NX} with the
 * value {@code processing} and a TTL of {@code claim-min-idle} before the handler runs, then {@code done}
 * with {@code handled-ttl} after it succeeded. An event already {@code done} is acked and skipped; one
 * {@code processing} elsewhere stays pending until that claim lapses or completes.
 */
final class BatchProcessor {

	private static final Logger log = LoggerFactory.getLogger(BatchProcessor.class);

	static final String PROCESSING = "processing";

	static final String DONE = "done";

	private final RedissonClient redisson;

	private final StreamEventHandler handler;

	private final EventsProperties properties;

	private final DeadLetters deadLetters;

	private final EventMetrics metrics;

	BatchProcessor(RedissonClient redisson, StreamEventHandler handler, EventsProperties properties,
			DeadLetters deadLetters, EventMetrics metrics) {
		this.redisson = redisson;
		this.handler = handler;
		this.properties = properties;
		this.deadLetters = deadLetters;
		this.metrics = metrics;
	}

	/**
	 * @param entries the entries, in stream order
	 * @param deliveries how often each entry has been delivered to the group (absent means once)
	 */
	void process(Map<StreamMessageId, Map<String, String>> entries, Map<StreamMessageId, Long> deliveries) {
		if (entries == null || entries.isEmpty()) {
			return;
		}
		String group = handler.group();
		List<StreamMessageId> ack = new ArrayList<>();
		Map<StreamMessageId, StreamEvent> events = new LinkedHashMap<>();
		entries.forEach((id, fields) -> {
			try {
				events.put(id, StreamEntries.decode(id.toString(), fields));
			}
			catch (StreamEntries.Unparseable ex) {
				deadLetter(id, fields, ex.getMessage(), deliveries.getOrDefault(id, 1L));
				ack.add(id);
			}
		});

		Map<StreamMessageId, StreamEvent> claimed = claim(events, ack);

		Map<StreamMessageId, StreamEvent> succeeded = new LinkedHashMap<>();
		Map<StreamMessageId, StreamEvent> failed = new LinkedHashMap<>();
		claimed.forEach((id, event) -> {
			try {
				handler.handle(event);
				succeeded.put(id, event);
			}
			catch (Exception ex) {
				failed.put(id, event);
				long delivered = deliveries.getOrDefault(id, 1L);
				log.warn("Group {} failed on {} {} (delivery {} of {}): {}", group, event.type(), id, delivered,
						properties.maxDeliveries(), ex.toString());
				if (delivered >= properties.maxDeliveries()) {
					deadLetter(id, entries.get(id), ex.toString(), delivered);
					ack.add(id);
				}
			}
		});

		settle(succeeded, failed, ack);
		metrics.consumed(group, "success", succeeded.size());
		metrics.consumed(group, "error", failed.size());
	}

	/** SET NX the markers in one round trip; returns the entries this consumer may handle. */
	private Map<StreamMessageId, StreamEvent> claim(Map<StreamMessageId, StreamEvent> events, List<StreamMessageId> ack) {
		if (events.isEmpty()) {
			return events;
		}
		RBatch batch = redisson.createBatch();
		Map<StreamMessageId, RFuture<Boolean>> claims = new LinkedHashMap<>();
		events.forEach((id, event) -> claims.put(id, batch.<String>getBucket(marker(event), StringCodec.INSTANCE)
			.setIfAbsentAsync(PROCESSING, properties.claimMinIdle())));
		batch.execute();
		Map<StreamMessageId, StreamEvent> mine = new LinkedHashMap<>();
		List<StreamMessageId> taken = new ArrayList<>();
		claims.forEach((id, claim) -> {
			if (Boolean.TRUE.equals(claim.toCompletableFuture().join())) {
				mine.put(id, events.get(id));
			}
			else {
				taken.add(id);
			}
		});
		int duplicates = 0;
		for (StreamMessageId id : taken) {
			String state = redisson.<String>getBucket(marker(events.get(id)), StringCodec.INSTANCE).get();
			if (DONE.equals(state)) {
				ack.add(id); // handled before (a republished or replayed event): skip it
				duplicates++;
			}
			// else another consumer is on it right now: leave it pending; a reclaim retries it later
		}
		metrics.consumed(handler.group(), "duplicate", duplicates);
		return mine;
	}

	/** Marks, releases and acks in one round trip. */
	private void settle(Map<StreamMessageId, StreamEvent> succeeded, Map<StreamMessageId, StreamEvent> failed,
			List<StreamMessageId> ack) {
		RBatch batch = redisson.createBatch();
		succeeded.forEach((id, event) -> {
			batch.<String>getBucket(marker(event), StringCodec.INSTANCE).setAsync(DONE, properties.handledTtl());
			ack.add(id);
		});
		failed.values().forEach(event -> batch.getBucket(marker(event), StringCodec.INSTANCE).deleteAsync());
		if (!ack.isEmpty()) {
			batch.getStream(EventKeys.STREAM, StringCodec.INSTANCE)
				.ackAsync(handler.group(), ack.toArray(StreamMessageId[]::new));
		}
		if (!succeeded.isEmpty() || !failed.isEmpty() || !ack.isEmpty()) {
			batch.execute();
		}
	}

	private void deadLetter(StreamMessageId id, Map<String, String> fields, String error, long deliveries) {
		deadLetters.add(handler.group(), id, fields, error, deliveries);
		metrics.deadLettered(handler.group());
		metrics.consumed(handler.group(), "dead-lettered", 1);
		log.warn("Group {} dead-lettered {} after {} deliveries: {}", handler.group(), id, deliveries, error);
	}

	private String marker(StreamEvent event) {
		return EventKeys.handled(handler.group(), event.eventId());
	}

}
