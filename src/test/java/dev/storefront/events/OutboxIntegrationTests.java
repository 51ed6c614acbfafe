package dev.storefront.events;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.redisson.api.stream.StreamMessageId;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.storefront.support.Api;
import dev.storefront.support.IntegrationTest;
import dev.storefront.support.ProductFixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class OutboxIntegrationTests {

	private static final RedisScript<String> BREAK_STREAM = RedisScript.of(
			"redis.call('RENAME', KEYS[1], KEYS[2]); redis.call('SET', KEYS[1], 'not a stream'); return 'ok'",
			String.class);

	private static final RedisScript<String> REPAIR_STREAM = RedisScript
		.of("redis.call('DEL', KEYS[1]); redis.call('RENAME', KEYS[2], KEYS[1]); return 'ok'", String.class);

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	RedissonClient redisson;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	StreamPublisher publisher;

	@Autowired
	JsonMapper json;

	@Autowired
	private Api api;

	private ProductFixtures catalog;

	private StreamProbe probe;

	@BeforeEach
	void setUp() {
		catalog = new ProductFixtures(api);
		probe = new StreamProbe(redisson);
	}

	@Test
	void orderEventsReachTheStreamWithIdTypeTimeAggregateUserAndPayload() {
		long product = catalog.product("4.50", 100);
		Api.Session buyer = api.newUser();
		long order = api.post("/api/orders", Map.of("items", List.of(Map.of("productId", product, "quantity", 2))))
			.as(buyer).send().expect(201).json().get("id").asLong();
		api.post("/api/orders/" + order + "/pay", null).as(buyer).send().expect(200);

		await().atMost(Duration.ofSeconds(10))
			.until(() -> probe.entriesOf(String.valueOf(order), "OrderPlaced", "OrderConfirmed").size() == 2);
		List<Map.Entry<StreamMessageId, Map<String, String>>> entries = probe.entriesOf(String.valueOf(order),
				"OrderPlaced", "OrderConfirmed");
		assertThat(entries).extracting(e -> e.getValue().get(StreamEntries.TYPE))
			.containsExactlyInAnyOrder("OrderPlaced", "OrderConfirmed");
		Map<String, String> placed = entries.stream()
			.filter(e -> e.getValue().get(StreamEntries.TYPE).equals("OrderPlaced"))
			.findFirst().orElseThrow().getValue();
		assertThat(placed.keySet()).containsExactly("eventId", "type", "occurredAt", "aggregateId", "userId", "payload");
		assertThat(placed.get("userId")).isEqualTo(String.valueOf(buyer.userId()));
		assertThat(Instant.parse(placed.get("occurredAt"))).isBefore(Instant.now());
		JsonNode payload = json.readTree(placed.get("payload"));
		assertThat(payload.get("eventId").asString()).isEqualTo(placed.get("eventId"));
		assertThat(payload.get("orderId").asLong()).isEqualTo(order);
		assertThat(payload.get("total").decimalValue()).isEqualByComparingTo("9.00");
		assertThat(payload.get("items").get(0).get("quantity").asInt()).isEqualTo(2);
	}

	@Test
	void catalogPublishesStockLowWhenStockCrossesTheThresholdAndPriceChanges() {
		long product = catalog.product("10.00", 6);
		Api.Session buyer = api.newUser();
		api.post("/api/orders", Map.of("items", List.of(Map.of("productId", product, "quantity", 1)))).as(buyer).send()
			.expect(201); // 6 -> 5: not below 5
		api.post("/api/orders", Map.of("items", List.of(Map.of("productId", product, "quantity", 2)))).as(buyer).send()
			.expect(201); // 5 -> 3: crosses
		api.post("/api/orders", Map.of("items", List.of(Map.of("productId", product, "quantity", 1)))).as(buyer).send()
			.expect(201); // 3 -> 2: already below, no second event
		JsonNode current = api.get("/api/products/" + product).send().expect(200).json();
		Map<String, Object> update = Map.of("sku", current.get("sku").asString(), "name", current.get("name").asString(),
				"price", "12.50", "stock", 2, "categoryId", current.get("categoryId").asLong());
		api.put("/api/products/" + product, update).as(catalog.admin()).send().expect(200);

		await().atMost(Duration.ofSeconds(10))
			.until(() -> probe.entriesOf(String.valueOf(product), "StockLow", "ProductPriceChanged").size() == 2);
		Map<String, Map<String, String>> byType = new java.util.HashMap<>();
		probe.entriesOf(String.valueOf(product), "StockLow", "ProductPriceChanged")
			.forEach(e -> byType.put(e.getValue().get(StreamEntries.TYPE), e.getValue()));
		assertThat(byType).containsOnlyKeys("StockLow", "ProductPriceChanged");
		JsonNode low = json.readTree(byType.get("StockLow").get("payload"));
		assertThat(low.get("productId").asLong()).isEqualTo(product);
		assertThat(low.get("stock").asInt()).isEqualTo(3);
		assertThat(byType.get("StockLow")).doesNotContainKey("userId");
		JsonNode price = json.readTree(byType.get("ProductPriceChanged").get("payload"));
		assertThat(price.get("productId").asLong()).isEqualTo(product);
		assertThat(price.get("oldPrice").decimalValue()).isEqualByComparingTo("10.00");
		assertThat(price.get("newPrice").decimalValue()).isEqualByComparingTo("12.50");
	}

	@Test
	void anOrderCommitsWhileXaddFailsAndItsEventArrivesExactlyOnceAfterRepair() {
		long product = catalog.product("3.00", 100);
		Api.Session buyer = api.newUser();
		String parked = "{sf:events}:parked-by-test";
		redis.execute(BREAK_STREAM, List.of(EventKeys.STREAM, parked));
		long order;
		try {
			order = api.post("/api/orders", Map.of("items", List.of(Map.of("productId", product, "quantity", 1))))
				.as(buyer).send().expect(201).json().get("id").asLong();
			// The order is committed, and its publication waits in the outbox.
			assertThat(api.get("/api/orders/" + order).as(buyer).send().expect(200).json().get("status").asString())
				.isEqualTo("PENDING");
			long placedOrder = order;
			await().atMost(Duration.ofSeconds(10)).until(() -> incompletePublications(placedOrder) == 1);
			// Resubmission rounds run and fail while the key is wrong-typed; the publication stays.
			await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
				.until(() -> incompletePublications(placedOrder) == 1);
		}
		finally {
			redis.execute(REPAIR_STREAM, List.of(EventKeys.STREAM, parked));
		}
		long placedOrder = order;
		await().atMost(Duration.ofSeconds(20))
			.until(() -> probe.entriesOf(String.valueOf(placedOrder), "OrderPlaced").size() == 1);
		await().atMost(Duration.ofSeconds(10)).until(() -> incompletePublications(placedOrder) == 0);
		// Later rounds find nothing to send: still exactly one entry for the event id.
		String eventId = probe.entriesOf(String.valueOf(placedOrder), "OrderPlaced").get(0).getValue()
			.get(StreamEntries.EVENT_ID);
		await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
			.until(() -> probe.entriesWhere(StreamEntries.EVENT_ID, eventId).size() == 1);
	}

	@Test
	void publishScriptAddsAnEventIdOnceAndWritesNothingWhenXaddFails() {
		StreamProbe.Probe event = StreamProbe.Probe.of("once");
		String first = publisher.publish(event);
		assertThat(first).isNotNull();
		assertThat(publisher.publish(event)).isNull();
		assertThat(probe.entriesWhere(StreamEntries.EVENT_ID, event.eventId().toString())).hasSize(1);
		String marker = EventKeys.published(event.eventId());
		assertThat(redis.opsForValue().get(marker)).isEqualTo(first);
		assertThat(redis.getExpire(marker, TimeUnit.HOURS)).isBetween(23L, 24L);

		StreamProbe.Probe failing = StreamProbe.Probe.of("fails");
		String parked = "{sf:events}:parked-by-script-test";
		redis.execute(BREAK_STREAM, List.of(EventKeys.STREAM, parked));
		try {
			assertThatThrownBy(() -> publisher.publish(failing)).isInstanceOf(RuntimeException.class);
			assertThat(redis.hasKey(EventKeys.published(failing.eventId()))).isFalse();
		}
		finally {
			redis.execute(REPAIR_STREAM, List.of(EventKeys.STREAM, parked));
		}
	}

	private int incompletePublications(long orderId) {
		Integer count = jdbc.queryForObject(
				"select count(*) from event_publication where completion_date is null and event_type like '%OrderPlaced'"
						+ " and serialized_event like ?",
				Integer.class, "%\"orderId\":" + orderId + ",%");
		return count == null ? 0 : count;
	}

}
