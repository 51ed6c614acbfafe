package dev.storefront.events;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.redisson.Redisson;
import org.redisson.api.RBatch;
import org.redisson.api.RStream;
import org.redisson.api.RedissonClient;
import org.redisson.api.stream.StreamCreateGroupArgs;
import org.redisson.api.stream.StreamMessageId;
import org.redisson.api.stream.StreamReadGroupArgs;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;
import tools.jackson.databind.json.JsonMapper;

import dev.storefront.support.EmbeddedRedis;

/**
 * Consume throughput of one {@link GroupConsumer} with a no-op handler (bench/README-events.md). Not a
 * test: run with {@code bench/events.sh}. Fills {@code sf:events} with pipelined XADD, then measures
 * <ol>
 * <li>baseline: a bare loop of XREADGROUP (COUNT batch) + one XACK per batch, no idempotency;</li>
 * <li>the real consumer: XREADGROUP, SET NX claims, handler, SET done + XACK per batch;</li>
 * </ol>
 * each on its own group over the same entries, and prints events/s and the ratio to the baseline.
 */
public final class ConsumeThroughputBench {

	public static void main(String[] args) throws Exception {
		int events = Integer.parseInt(System.getProperty("events", "200000"));
		int batch = Integer.parseInt(System.getProperty("batch", "100"));
		int rounds = Integer.parseInt(System.getProperty("rounds", "3"));
		try (EmbeddedRedis server = EmbeddedRedis.start()) {
			Config config = new Config();
			config.setCodec(StringCodec.INSTANCE);
			config.setNettyThreads(4);
			config.useSingleServer().setAddress(server.url()).setConnectionPoolSize(8).setConnectionMinimumIdleSize(2);
			RedissonClient redisson = Redisson.create(config);
			try {
				EventsProperties properties = new EventsProperties(events * 2, 5, Duration.ofSeconds(30),
						Duration.ofSeconds(15), Duration.ofDays(1), true, batch, Duration.ofMillis(100),
						Duration.ofSeconds(5), Duration.ofSeconds(30), 5, Duration.ofHours(1), Duration.ofHours(1));
				long filled = fill(redisson, events);
				System.out.printf("filled %d events with pipelined XADD in %d ms (%.0f/s)%n", events, filled,
						events * 1000.0 / filled);
				for (int round = 1; round <= rounds; round++) {
					// Interleaved: odd rounds measure the baseline first, even rounds the consumer first, so
					// neither always runs on the colder (or hotter) machine.
					double baseline;
					double consumer;
					if (round % 2 == 1) {
						baseline = baseline(redisson, events, batch);
						consumer = consumer(redisson, properties, events);
					}
					else {
						consumer = consumer(redisson, properties, events);
						baseline = baseline(redisson, events, batch);
					}
					System.out.printf("round %d: baseline XREADGROUP+XACK %.0f events/s, GroupConsumer (no-op handler) "
							+ "%.0f events/s, ratio %.2f%n", round, baseline, consumer, consumer / baseline);
				}
			}
			finally {
				redisson.shutdown();
			}
		}
	}

	/**
	 * Deletes the round's idempotency claims (one key per event): left behind, each round would run on a
	 * Redis holding every earlier round's keys too.
	 */
	private static void clearClaims(RedissonClient redisson, String group) {
		Iterable<String> keys = redisson.getKeys().getKeysByPattern(EventKeys.handled(group, new UUID(0, 0))
			.replace(new UUID(0, 0).toString(), "*"), 1000);
		List<String> chunk = new java.util.ArrayList<>();
		for (String key : keys) {
			chunk.add(key);
			if (chunk.size() == 1000) {
				redisson.getKeys().unlink(chunk.toArray(String[]::new));
				chunk.clear();
			}
		}
		if (!chunk.isEmpty()) {
			redisson.getKeys().unlink(chunk.toArray(String[]::new));
		}
	}

	private static long fill(RedissonClient redisson, int events) {
		JsonMapper json = JsonMapper.builder().build();
		long started = System.nanoTime();
		for (int offset = 0; offset < events; offset += 1000) {
			RBatch pipeline = redisson.createBatch();
			for (int i = offset; i < Math.min(events, offset + 1000); i++) {
				Map<String, String> fields = StreamEntries.encode(StreamProbe.Probe.of("bench-" + i), json);
				pipeline.<String, String>getStream(EventKeys.STREAM, StringCodec.INSTANCE)
					.addAsync(org.redisson.api.stream.StreamAddArgs.entries(fields));
			}
			pipeline.execute();
		}
		return Duration.ofNanos(System.nanoTime() - started).toMillis();
	}

	private static double baseline(RedissonClient redisson, int events, int batch) {
		RStream<String, String> stream = redisson.getStream(EventKeys.STREAM, StringCodec.INSTANCE);
		String group = "bench-raw-" + UUID.randomUUID();
		stream.createGroup(StreamCreateGroupArgs.name(group).id(StreamMessageId.ALL));
		long started = System.nanoTime();
		int consumed = 0;
		while (consumed < events) {
			Map<StreamMessageId, Map<String, String>> read = stream.readGroup(group, "raw",
					StreamReadGroupArgs.neverDelivered().count(batch));
			if (read.isEmpty()) {
				break;
			}
			stream.ack(group, read.keySet().toArray(StreamMessageId[]::new));
			consumed += read.size();
		}
		double rate = consumed / (Duration.ofNanos(System.nanoTime() - started).toNanos() / 1e9);
		stream.removeGroup(group);
		return rate;
	}

	private static double consumer(RedissonClient redisson, EventsProperties properties, int events) throws Exception {
		RStream<String, String> stream = redisson.getStream(EventKeys.STREAM, StringCodec.INSTANCE);
		String group = "bench-consumer-" + UUID.randomUUID();
		// Start at the beginning: the filled entries are the backlog to drain.
		stream.createGroup(StreamCreateGroupArgs.name(group).id(StreamMessageId.ALL));
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		EventMetrics metrics = new EventMetrics(meters);
		StreamEventHandler noOp = new StreamEventHandler() {
			@Override
			public String group() {
				return group;
			}

			@Override
			public void handle(StreamEvent event) {
			}
		};
		GroupConsumer consumer = new GroupConsumer(redisson, noOp, "bench", properties,
				new DeadLetters(redisson, JsonMapper.builder().build(), properties), metrics);
		long started = System.nanoTime();
		consumer.start();
		while (meters.counter("storefront.events.consumed", "group", group, "result", "success").count() < events) {
			// Poll without spinning: on two cores a busy waiter would take CPU from the consumer measured.
			LockSupport.parkNanos(1_000_000);
		}
		double rate = events / (Duration.ofNanos(System.nanoTime() - started).toNanos() / 1e9);
		consumer.stop(Duration.ofSeconds(10));
		stream.removeGroup(group);
		clearClaims(redisson, group);
		return rate;
	}

}
