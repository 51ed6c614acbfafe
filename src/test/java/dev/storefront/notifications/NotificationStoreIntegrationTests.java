package dev.storefront.notifications;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.DataType;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.storefront.events.StreamEvent;
import dev.storefront.notifications.NotificationStore.Appended;
import dev.storefront.support.Api;
import dev.storefront.support.Api.Session;
import dev.storefront.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The per-user notification stream in raw Redis (the append script, its cap and TTLs), the handler's
 * idempotence, and {@code GET /api/notifications}.
 */
@IntegrationTest
class NotificationStoreIntegrationTests {

	@Autowired
	NotificationStore store;

	@Autowired
	NotificationHandler handler;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	private Api api;

	@Test
	void appendScriptWritesOnceToACappedStreamWithSevenDayTtls() {
		String stream = NotificationKeys.userStream(-1 - Math.abs(UUID.randomUUID().getLeastSignificantBits() % 1000));
		redis.delete(stream);
		UUID event = UUID.randomUUID();

		Appended first = store.append(stream, event, "order.placed", Instant.parse("2026-11-30T04:00:00Z"),
				Map.of("orderId", 1));
		Appended again = store.append(stream, event, "order.placed", Instant.parse("2026-11-30T04:00:00Z"),
				Map.of("orderId", 1));

		assertThat(first.created()).isTrue();
		assertThat(again.created()).isFalse();
		assertThat(again.notification().id()).isEqualTo(first.notification().id());
		assertThat(redis.type(stream)).isEqualTo(DataType.STREAM);
		assertThat(redis.opsForStream().size(stream)).isEqualTo(1);
		assertThat(redis.opsForStream().range(stream, org.springframework.data.domain.Range.unbounded()).get(0)
			.getValue()).containsEntry("type", "order.placed")
			.containsEntry("createdAt", "2026-11-30T04:00:00Z")
			.containsEntry("data", "{\"orderId\":1}");
		String marker = NotificationKeys.seen(stream, event);
		assertThat(redis.opsForValue().get(marker)).isEqualTo(first.notification().id());
		for (String key : new String[] { stream, marker }) {
			assertThat(redis.getExpire(key)).as(key)
				.isBetween(Duration.ofDays(7).minusMinutes(1).toSeconds(), Duration.ofDays(7).toSeconds());
		}

		for (int i = 0; i < 300; i++) {
			store.append(stream, UUID.randomUUID(), "order.placed", Instant.now(), Map.of("orderId", i));
		}
		// MAXLEN ~ 100 trims whole radix-tree nodes (100 entries each by default): between 100 and 200 stay.
		assertThat(redis.opsForStream().size(stream)).isBetween(100L, 200L);
		redis.delete(stream);
	}

	@Test
	void redeliveredEventAddsNoSecondNotification() {
		Session user = api.newUser();
		StreamEvent event = RealtimeNotificationsIntegrationTests.orderEvent("OrderDelivered", user.userId(), 99);
		handler.handle(event);
		handler.handle(event);

		assertThat(redis.opsForStream().size(NotificationKeys.userStream(user.userId()))).isEqualTo(1);
		JsonNode history = api.get("/api/notifications").as(user).send().expect(200).json();
		assertThat(history.size()).isEqualTo(1);
		assertThat(history.get(0).get("type").asString()).isEqualTo("order.delivered");
		assertThat(history.get(0).get("data").get("status").asString()).isEqualTo("DELIVERED");
	}

	@Test
	void historyPagesAfterAnIdAndRejectsMalformedIds() {
		Session user = api.newUser();
		for (String type : new String[] { "OrderPlaced", "OrderConfirmed", "OrderShipped" }) {
			handler.handle(RealtimeNotificationsIntegrationTests.orderEvent(type, user.userId(), 5));
		}
		JsonNode all = api.get("/api/notifications").as(user).send().expect(200).json();
		assertThat(all.valueStream().map(n -> n.get("type").asString())).containsExactly("order.placed",
				"order.confirmed", "order.shipped");

		JsonNode after = api.get("/api/notifications?after=" + all.get(0).get("id").asString()).as(user).send()
			.expect(200).json();
		assertThat(after.valueStream().map(n -> n.get("type").asString())).containsExactly("order.confirmed",
				"order.shipped");

		Api.Response bad = api.get("/api/notifications?after=yesterday").as(user).send().expect(400);
		assertThat(bad.header("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("problem+json"));
		assertThat(bad.json().get("type").asString()).endsWith("/invalid-notification-id");
		api.get("/api/notifications/stream").as(user).header("Last-Event-ID", "nope").send().expect(400);
		api.get("/api/notifications").send().expect(401);
	}

	@Test
	void unknownTypesAreIgnoredAndMalformedPayloadsFail() {
		Session user = api.newUser();
		handler.handle(new StreamEvent("0-1", UUID.randomUUID(), "ProductPriceChanged", Instant.now(), "1",
				user.userId(), "{}"));
		assertThat(redis.hasKey(NotificationKeys.userStream(user.userId()))).isFalse();

		assertThatThrownBy(() -> handler.handle(new StreamEvent("0-2", UUID.randomUUID(), "OrderPlaced", Instant.now(),
				"1", user.userId(), "{\"ownerId\":1}")))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> handler.handle(new StreamEvent("0-3", UUID.randomUUID(), "OrderPlaced", Instant.now(),
				"1", user.userId(), "not json")))
			.isInstanceOf(RuntimeException.class);
	}

}
