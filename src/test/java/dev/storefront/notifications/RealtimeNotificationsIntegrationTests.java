package dev.storefront.notifications;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.messaging.simp.user.SimpUser;
import org.springframework.messaging.simp.user.SimpUserRegistry;

import dev.storefront.events.StreamEvent;
import dev.storefront.support.Api;
import dev.storefront.support.Api.Session;
import dev.storefront.support.IntegrationTest;
import dev.storefront.support.ProductFixtures;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances on one Redis: notifications produced on A (the shared test context) reach STOMP and
 * SSE clients connected to B (a second application context), and revoking a session on A closes its
 * connections on B. The handler is driven with stream entries as the events module delivers them.
 */
@IntegrationTest
class RealtimeNotificationsIntegrationTests {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RealtimeNotificationsIntegrationTests.class);

	/** A deadline for an event that must come, not the latency claim (that is bench/notifications.sh's). */
	private static final Duration DEADLINE = Duration.ofSeconds(15);

	static SecondInstance b;

	@LocalServerPort
	int port;

	@Autowired
	NotificationHandler handler;

	private final HttpClient http = HttpClient.newHttpClient();

	@Autowired
	private Api a;

	@BeforeAll
	static void startSecondInstance() {
		b = SecondInstance.start();
	}

	@AfterAll
	static void stopSecondInstance() {
		if (b != null) {
			b.close();
		}
	}

	@Test
	void notificationProducedOnAReachesStompAndSseClientsOnB() throws Exception {
		Session user = a.newUser();
		try (StompClient stomp = StompClient.withToken(b.port, user.token());
				SseClient sse = SseClient.connected(http, b.port, user.token(), null)) {
			stomp.subscribe("/user/queue/notifications");
			awaitSubscriptions(user.userId(), 1);

			long started = System.nanoTime();
			handler.handle(orderEvent("OrderConfirmed", user.userId(), 4711));

			// A generous deadline on the event itself: the latency (2 s budget, p99 far below) is a figure of
			// bench/notifications.sh, not a window for a loaded CI machine.
			JsonNode viaStomp = stomp.messages.poll(DEADLINE.toSeconds(), TimeUnit.SECONDS);
			SseClient.Event viaSse = sse.next(DEADLINE);
			assertThat(viaStomp).as("STOMP message").isNotNull();
			assertThat(viaSse).as("SSE event").isNotNull();
			log.info("Notification from A to B: SSE after {} ms", (viaSse.receivedNanos() - started) / 1_000_000);
			assertThat(viaStomp.get("type").asString()).isEqualTo("order.confirmed");
			assertThat(viaStomp.get("data").get("orderId").asLong()).isEqualTo(4711);
			assertThat(viaStomp.get("data").get("status").asString()).isEqualTo("CONFIRMED");
			assertThat(viaSse.name()).isEqualTo("order.confirmed");
			assertThat(viaSse.id()).isEqualTo(viaStomp.get("id").asString());
			assertThat(viaSse.data().get("data").get("orderId").asLong()).isEqualTo(4711);
		}
	}

	@Test
	void cookieAuthenticatedSocketGetsItsUsersNotifications() throws Exception {
		Session user = a.newUser();
		try (StompClient stomp = StompClient.withCookie(b.port, user.cookie("SESSION"))) {
			stomp.subscribe("/user/queue/notifications");
			awaitSubscriptions(user.userId(), 1);
			handler.handle(orderEvent("OrderShipped", user.userId(), 7));
			JsonNode message = stomp.messages.poll(5, TimeUnit.SECONDS);
			assertThat(message).isNotNull();
			assertThat(message.get("type").asString()).isEqualTo("order.shipped");
		}
	}

	@Test
	void sseResumeWithLastEventIdGetsExactlyTheMissedNotificationsInOrderThenLiveOnes() throws Exception {
		Session user = a.newUser();
		List<String> ids = new ArrayList<>();
		try (SseClient first = SseClient.connected(http, b.port, user.token(), null)) {
			for (int order = 1; order <= 2; order++) {
				handler.handle(orderEvent("OrderPlaced", user.userId(), order));
				ids.add(first.next(Duration.ofSeconds(5)).id());
			}
		}
		// Missed while disconnected.
		for (int order = 3; order <= 5; order++) {
			handler.handle(orderEvent("OrderPlaced", user.userId(), order));
		}

		try (SseClient resumed = SseClient.connected(http, b.port, user.token(), ids.get(1))) {
			List<Long> orders = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				SseClient.Event event = resumed.next(Duration.ofSeconds(5));
				assertThat(event).as("replayed event %d", i).isNotNull();
				orders.add(event.data().get("data").get("orderId").asLong());
			}
			assertThat(orders).containsExactly(3L, 4L, 5L);

			handler.handle(orderEvent("OrderCancelled", user.userId(), 6));
			SseClient.Event live = resumed.next(Duration.ofSeconds(5));
			assertThat(live.name()).isEqualTo("order.cancelled");
			assertThat(live.data().get("data").get("orderId").asLong()).isEqualTo(6);
			// Nothing twice: a marker sent after it is the very next event.
			handler.handle(orderEvent("OrderShipped", user.userId(), 7));
			SseClient.Event next = resumed.next(Duration.ofSeconds(5));
			assertThat(next.data().get("data").get("orderId").asLong()).as("the marker, nothing before it").isEqualTo(7);
		}
	}

	@Test
	void anonymousOrInvalidConnectIsRefused() throws Exception {
		try (StompClient anonymous = StompClient.withToken(b.port, null);
				StompClient forged = StompClient.withToken(b.port, UUID.randomUUID().toString())) {
			for (StompClient client : List.of(anonymous, forged)) {
				await().atMost(Duration.ofSeconds(5)).until(() -> client.connecting().isCompletedExceptionally()
						|| !client.errors.isEmpty());
				boolean connected = client.connecting().isDone() && !client.connecting().isCompletedExceptionally();
				assertThat(connected).isFalse();
			}
		}
	}

	@Test
	void subscribingToAnotherUsersDestinationOrAsNonAdminToTheAdminTopicIsRefused() throws Exception {
		Session mallory = a.newUser();
		Session victim = a.newUser();
		for (String destination : List.of("/user/" + victim.userId() + "/queue/notifications",
				"/queue/notifications", "/topic/admin", "/queue/notifications-user" + victim.userId())) {
			try (StompClient stomp = StompClient.withToken(b.port, mallory.token())) {
				stomp.subscribe(destination);
				handler.handle(orderEvent("OrderPlaced", victim.userId(), 1));
				// Refused: the server answers with an ERROR frame and closes the connection.
				await().atMost(Duration.ofSeconds(10)).until(() -> !stomp.errors.isEmpty() || stomp.closed.isDone());
				assertThat(stomp.messages.poll(300, TimeUnit.MILLISECONDS)).as(destination).isNull();
			}
		}
	}

	@Test
	void adminsGetStockLowOnTheAdminTopic() throws Exception {
		Session admin = a.admin();
		try (StompClient stomp = StompClient.withToken(b.port, admin.token())) {
			stomp.subscribe("/topic/admin");
			awaitSubscriptions(admin.userId(), 1);
			long product = Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000);
			handler.handle(new StreamEvent("0-1", UUID.randomUUID(), "StockLow", Instant.now(), String.valueOf(product),
					null, Api.json(Map.of("productId", product, "stock", 3))));
			JsonNode message = stomp.messages.poll(5, TimeUnit.SECONDS);
			assertThat(message).isNotNull();
			assertThat(message.get("type").asString()).isEqualTo("stock.low");
			assertThat(message.get("data").get("productId").asLong()).isEqualTo(product);
			assertThat(message.get("data").get("stock").asInt()).isEqualTo(3);
		}
		JsonNode history = a.get("/api/admin/notifications").as(admin).send().expect(200).json();
		assertThat(history.valueStream().map(n -> n.get("type").asString())).contains("stock.low");
	}

	@Test
	void revokingASessionOnAClosesItsSocketAndSseStreamOnB() throws Exception {
		Session user = a.newUser();
		Session other = a.login(user.email(), "password123");
		try (StompClient stomp = StompClient.withToken(b.port, other.token());
				SseClient sse = SseClient.connected(http, b.port, other.token(), null);
				StompClient kept = StompClient.withToken(b.port, user.token())) {
			stomp.subscribe("/user/queue/notifications");
			kept.subscribe("/user/queue/notifications");
			awaitSubscriptions(user.userId(), 2);

			a.delete("/api/users/me/sessions").as(user).send().expect(204);

			await().atMost(Duration.ofSeconds(5)).until(() -> stomp.closed.isDone() && sse.ended.isDone());
			assertThat(kept.session().isConnected()).as("the revoking session's own socket stays").isTrue();
		}
	}

	@Test
	void logoutClosesThatSessionsConnectionsOnB() throws Exception {
		Session user = a.newUser();
		try (StompClient stomp = StompClient.withToken(b.port, user.token());
				SseClient sse = SseClient.connected(http, b.port, user.token(), null)) {
			stomp.subscribe("/user/queue/notifications");
			awaitSubscriptions(user.userId(), 1);

			a.post("/api/auth/logout", Map.of()).as(user).send().expect(204);

			await().atMost(Duration.ofSeconds(5)).until(() -> stomp.closed.isDone() && sse.ended.isDone());
		}
	}

	/**
	 * End to end: the order service's event, the outbox, the stream {@code sf:events}, the consumer group
	 * {@code notifications} (on either instance), the fan-out.
	 */
	@Test
	void orderPaidOnAReachesStompAndSseClientsOnB() throws Exception {
		Session user = a.newUser();
		long product = new ProductFixtures(a).product("12.50", 10);
		try (StompClient stomp = StompClient.withToken(b.port, user.token());
				SseClient sse = SseClient.connected(http, b.port, user.token(), null)) {
			stomp.subscribe("/user/queue/notifications");
			awaitSubscriptions(user.userId(), 1);
			long order = a.post("/api/orders", Map.of("items", List.of(Map.of("productId", product, "quantity", 1))))
				.as(user).send().expect(201).json().get("id").asLong();

			long paid = System.nanoTime();
			a.post("/api/orders/" + order + "/pay", Map.of()).as(user).send().expect(200);

			JsonNode viaStomp = nextOfType(() -> stomp.messages.poll(remaining(paid, DEADLINE), TimeUnit.NANOSECONDS),
					n -> n.get("type").asString(), "order.confirmed");
			SseClient.Event viaSse = nextOfType(() -> sse.next(Duration.ofNanos(remaining(paid, DEADLINE))),
					SseClient.Event::name, "order.confirmed");
			assertThat(viaStomp).as("order.confirmed on STOMP").isNotNull();
			assertThat(viaSse).as("order.confirmed on SSE").isNotNull();
			log.info("Order paid on A to SSE on B: {} ms (budget 2 s, measured by bench/notifications.sh)",
					(viaSse.receivedNanos() - paid) / 1_000_000);
			assertThat(viaStomp.get("data").get("orderId").asLong()).isEqualTo(order);
			assertThat(viaSse.data().get("data").get("orderId").asLong()).isEqualTo(order);
		}
	}

	private static long remaining(long started, Duration budget) {
		return Math.max(1, budget.toNanos() - (System.nanoTime() - started));
	}

	/** The first item of the given type, skipping others (order.placed comes first); null on timeout. */
	private static <T> T nextOfType(Callable<T> next, Function<T, String> type, String wanted) throws Exception {
		for (T item = next.call(); item != null; item = next.call()) {
			if (wanted.equals(type.apply(item))) {
				return item;
			}
		}
		return null;
	}

	private void awaitSubscriptions(long userId, int count) {
		SimpUserRegistry registry = b.bean(SimpUserRegistry.class);
		await().atMost(Duration.ofSeconds(5)).until(() -> {
			SimpUser user = registry.getUser(String.valueOf(userId));
			return user != null
					&& user.getSessions().stream().mapToInt(s -> s.getSubscriptions().size()).sum() >= count;
		});
	}

	static StreamEvent orderEvent(String type, long userId, long orderId) {
		String payload = Api.json(Map.of("orderId", orderId, "ownerId", userId, "total", "10.00", "currency", "EUR",
				"items", List.of()));
		return new StreamEvent("0-1", UUID.randomUUID(), type, Instant.now(), String.valueOf(orderId), userId, payload);
	}

}
