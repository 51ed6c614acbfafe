package dev.storefront.events;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.api.stream.StreamAddArgs;
import org.redisson.api.stream.StreamMessageId;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.storefront.support.Api;
import dev.storefront.support.DevServices;
import dev.storefront.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Consumer groups against the real stream: reclaim, dead letters, idempotency and a consumer that dies
 * mid-batch. Test groups run their own {@link GroupConsumer}s with short claim settings; the poison
 * entry test goes through the application's own {@code analytics} group.
 */
@IntegrationTest
class ConsumerGroupIntegrationTests {

	/** Fast settings: claim every 200 ms what is idle for 500 ms; three deliveries before the DLQ. */
	static final EventsProperties FAST = new EventsProperties(100000, 5, Duration.ofSeconds(30), Duration.ofSeconds(15),
			Duration.ofDays(1), true, 100, Duration.ofMillis(200), Duration.ofMillis(200), Duration.ofMillis(500), 3,
			Duration.ofHours(1), Duration.ofDays(7));

	@LocalServerPort
	int port;

	@Autowired
	RedissonClient redisson;

	@Autowired
	StreamPublisher publisher;

	@Autowired
	DeadLetters deadLetters;

	@Autowired
	EventMetrics metrics;

	@Autowired
	MeterRegistry meters;

	private StreamProbe probe;

	private final String group = "test-" + UUID.randomUUID().toString().substring(0, 8);

	private GroupConsumer consumer;

	@BeforeEach
	void setUp() {
		probe = new StreamProbe(redisson);
	}

	@AfterEach
	void tearDown() throws Exception {
		if (consumer != null) {
			consumer.stop(Duration.ofSeconds(10));
		}
		probe.events().removeGroup(group);
	}

	@Test
	void aHandlerThatThrowsTwiceIsReclaimedAndProcessedWithOneEffect() {
		StreamProbe.Probe event = StreamProbe.Probe.of("flaky");
		AtomicInteger attempts = new AtomicInteger();
		AtomicInteger effects = new AtomicInteger();
		consumer = start(handler(e -> {
			if (e.eventId().equals(event.eventId())) {
				if (attempts.incrementAndGet() <= 2) {
					throw new IllegalStateException("attempt " + attempts.get() + " fails");
				}
				effects.incrementAndGet();
			}
		}));
		StreamMessageId id = id(publisher.publish(event));

		await().atMost(Duration.ofSeconds(20)).until(() -> effects.get() == 1);
		assertThat(attempts.get()).isEqualTo(3);
		await().atMost(Duration.ofSeconds(5)).until(() -> probe.pending(group, id) == 0);
		assertThat(probe.deadLettersOf(id)).isEmpty();
		assertThat(meters.counter("storefront.events.reclaimed", "group", group).count()).isGreaterThanOrEqualTo(2);
		assertThat(meters.counter("storefront.events.consumed", "group", group, "result", "error").count()).isEqualTo(2);
		assertThat(probe.events().listPending(group, id, id, 10)).isEmpty();
		assertThat(redisson.getBucket(EventKeys.handled(group, event.eventId()), StringCodec.INSTANCE).get())
			.isEqualTo("done");
	}

	@Test
	void anEventIdTheGroupHandledBeforeIsAckedAndSkipped() {
		StreamProbe.Probe event = StreamProbe.Probe.of("twice");
		AtomicInteger effects = new AtomicInteger();
		consumer = start(handler(e -> {
			if (e.eventId().equals(event.eventId())) {
				effects.incrementAndGet();
			}
		}));
		StreamMessageId first = id(publisher.publish(event));
		// A republished copy with the same event id (e.g. a DLQ replay): the group skips it.
		StreamMessageId copy = probe.events().add(StreamAddArgs.entries(probe.events().range(first, first).get(first)));

		await().atMost(Duration.ofSeconds(10)).until(() -> probe.pending(group, copy) == 0
				&& meters.counter("storefront.events.consumed", "group", group, "result", "duplicate").count() == 1);
		assertThat(effects.get()).isEqualTo(1);
	}

	@Test
	void anEntryFailingMaxDeliveriesTimesGoesToTheDeadLetterStreamAndIsAcked() {
		StreamProbe.Probe event = StreamProbe.Probe.of("doomed");
		consumer = start(handler(e -> {
			if (e.eventId().equals(event.eventId())) {
				throw new IllegalStateException("always fails");
			}
		}));
		StreamMessageId id = id(publisher.publish(event));

		await().atMost(Duration.ofSeconds(20)).until(() -> !probe.deadLettersOf(id).isEmpty());
		Map<String, String> letter = probe.deadLettersOf(id).get(0);
		assertThat(letter).containsEntry(DeadLetters.GROUP, group)
			.containsEntry(DeadLetters.DELIVERIES, "3")
			.containsEntry(DeadLetters.SOURCE_ID, id.toString());
		assertThat(letter.get(DeadLetters.ERROR)).contains("always fails");
		assertThat(letter.get(DeadLetters.ENTRY)).contains(event.eventId().toString());
		assertThat(probe.pending(group, id)).isZero();
		assertThat(meters.counter("storefront.events.dead-lettered", "group", group).count()).isEqualTo(1);
	}

	@Test
	void aPoisonEntryGoesStraightToTheDeadLetterStreamWithNothingLeftPending() {
		StreamMessageId poison = probe.events().add(StreamAddArgs.entries("garbage", "\u0000not an event", "x", "y"));

		await().atMost(Duration.ofSeconds(20)).until(() -> probe.deadLettersOf(poison).stream()
			.anyMatch(letter -> "analytics".equals(letter.get(DeadLetters.GROUP))));
		Map<String, String> letter = probe.deadLettersOf(poison).stream()
			.filter(l -> "analytics".equals(l.get(DeadLetters.GROUP))).findFirst().orElseThrow();
		assertThat(letter.get(DeadLetters.ERROR)).contains("not an event");
		assertThat(letter).containsEntry(DeadLetters.DELIVERIES, "1");
		assertThat(probe.pending("analytics", poison)).isZero();
	}

	@Test
	void entriesOfAConsumerStoppedMidBatchAreReclaimedAndProcessedByAnotherInstance() throws Exception {
		StreamProbe.Probe event = StreamProbe.Probe.of("orphaned");
		CountDownLatch inHandler = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		Set<String> handledBy = ConcurrentHashMap.newKeySet();
		// Instance A: its own Redisson client, as a second application instance would have.
		RedissonClient instanceA = Redisson.create(config());
		GroupConsumer a = new GroupConsumer(instanceA, handler(e -> {
			if (e.eventId().equals(event.eventId())) {
				inHandler.countDown();
				release.await(10, TimeUnit.SECONDS);
				handledBy.add("A");
			}
		}), "instance-a", FAST, deadLetters, metrics);
		a.start();
		StreamMessageId id;
		try {
			await().atMost(Duration.ofSeconds(10)).until(() -> probe.events().listGroups().stream()
				.anyMatch(g -> g.getName().equals(group)));
			id = id(publisher.publish(event));
			assertThat(inHandler.await(10, TimeUnit.SECONDS)).isTrue();
			// A's context closes before it could ack: its client goes away with the entry still pending.
			instanceA.shutdown(0, 2, TimeUnit.SECONDS);
			release.countDown();
			assertThat(probe.events().listPending(group, id, id, 10)).singleElement()
				.satisfies(pending -> assertThat(pending.getConsumerName()).isEqualTo("instance-a"));
		}
		finally {
			a.stop(Duration.ofSeconds(10));
		}

		AtomicInteger effectsOnB = new AtomicInteger();
		consumer = start(handler(e -> {
			if (e.eventId().equals(event.eventId())) {
				effectsOnB.incrementAndGet();
			}
		}));
		await().atMost(Duration.ofSeconds(20)).until(() -> effectsOnB.get() == 1);
		await().atMost(Duration.ofSeconds(5)).until(() -> probe.pending(group, id) == 0);
		assertThat(probe.deadLettersOf(id)).isEmpty();
	}

	private GroupConsumer start(StreamEventHandler handler) {
		GroupConsumer started = new GroupConsumer(redisson, handler, "instance-b", FAST, deadLetters, metrics);
		started.start();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> probe.events().isExists()
					&& probe.events().listGroups().stream().anyMatch(g -> g.getName().equals(group)));
		return started;
	}

	private StreamEventHandler handler(Effect effect) {
		return new StreamEventHandler() {
			@Override
			public String group() {
				return group;
			}

			@Override
			public void handle(StreamEvent event) throws Exception {
				effect.apply(event);
			}
		};
	}

	private static StreamMessageId id(String id) {
		return DeadLetters.parse(id);
	}

	private static Config config() {
		Config config = new Config();
		config.setCodec(StringCodec.INSTANCE);
		config.useSingleServer().setAddress(DevServices.redisUrl()).setConnectionPoolSize(4).setConnectionMinimumIdleSize(1)
			.setSubscriptionConnectionPoolSize(1).setSubscriptionConnectionMinimumIdleSize(0);
		config.setNettyThreads(2);
		return config;
	}

	@FunctionalInterface
	interface Effect {

		void apply(StreamEvent event) throws Exception;

	}

}
