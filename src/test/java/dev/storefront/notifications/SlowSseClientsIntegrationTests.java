package dev.storefront.notifications;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.storefront.support.Api;
import dev.storefront.support.Api.Session;
import dev.storefront.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Twenty SSE clients that never read (raw sockets with a small receive buffer) do not delay a normal
 * client's notifications. The slow clients belong to two users on the normal user's delivery lane, and
 * get megabytes each, far more than socket buffers hold: a blocking write to one of them would hold the
 * lane, and with it the normal client.
 */
@IntegrationTest
class SlowSseClientsIntegrationTests {

	private static final int SLOW_USERS = 2;

	@LocalServerPort
	int port;

	@Autowired
	Api api;

	@Autowired
	Fanout fanout;

	@Autowired
	NotificationProperties properties;

	@Autowired
	MeterRegistry meters;

	private final HttpClient http = HttpClient.newHttpClient();

	private final List<RawRealtime> slow = new ArrayList<>();

	private long nextId = Instant.now().toEpochMilli();

	@AfterEach
	void closeAll() {
		slow.forEach(RawRealtime::close);
	}

	@Test
	void twentyNeverReadingSseClientsDoNotDelayANormalClient() throws Exception {
		Session normal = api.newUser();
		List<Session> slowUsers = new ArrayList<>();
		for (int i = 0; i < 200 && slowUsers.size() < SLOW_USERS; i++) {
			Session candidate = api.newUser();
			if (lane(candidate.userId()) == lane(normal.userId())) {
				slowUsers.add(candidate);
			}
		}
		assertThat(slowUsers).as("users on the normal user's lane").hasSize(SLOW_USERS);
		for (Session user : slowUsers) {
			for (int i = 0; i < 10; i++) {
				RawRealtime stream = RawRealtime.sse("127.0.0.31", port, user.token(), 2048);
				slow.add(stream);
				assertThat(stream.answer.status()).isEqualTo(200);
			}
		}
		double droppedBefore = slowClientsDropped();

		try (SseClient client = SseClient.connected(http, port, normal.token(), null)) {
			Duration baseline = Duration.ZERO;
			for (int i = 0; i < 5; i++) {
				baseline = max(baseline, latency(client, normal));
			}

			// 64 notifications of 64 KB for each slow user: 4 MB for each of its 10 streams.
			String blob = "x".repeat(64 * 1024);
			for (int i = 0; i < 64; i++) {
				for (Session user : slowUsers) {
					fanout.publishToUser(user.userId(), notification(Map.of("blob", blob)));
				}
			}
			Duration loaded = Duration.ZERO;
			for (int i = 0; i < 5; i++) {
				loaded = max(loaded, latency(client, normal));
			}
			LoggerFactory.getLogger(SlowSseClientsIntegrationTests.class)
				.info("SSE latency: baseline (slowest of 5) {} ms, with 20 stalled clients {} ms", baseline.toMillis(),
						loaded.toMillis());
			assertThat(loaded).as("slowest of 5 with 20 stalled clients; baseline %s", baseline)
				.isLessThan(baseline.multipliedBy(2).plusMillis(500));
		}
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(slowClientsDropped() - droppedBefore).as("slow streams dropped")
				.isEqualTo(slow.size()));
	}

	/** The time from publishing one notification to the normal user until its client has it. */
	private Duration latency(SseClient client, Session user) throws Exception {
		Notification notification = notification(Map.of("orderId", 1));
		long started = System.nanoTime();
		fanout.publishToUser(user.userId(), notification);
		SseClient.Event event;
		do {
			event = client.next(Duration.ofSeconds(30));
			assertThat(event).as("notification %s within 30 s", notification.id()).isNotNull();
		}
		while (!event.id().equals(notification.id()));
		return Duration.ofNanos(event.receivedNanos() - started);
	}

	private Notification notification(Map<String, Object> data) {
		return new Notification((nextId++) + "-0", "test.load", Instant.now(), data);
	}

	private int lane(long userId) {
		return Math.floorMod(("user:" + userId).hashCode(), properties.deliveryThreads());
	}

	private double slowClientsDropped() {
		Counter counter = meters.find("storefront.notifications.connections.closed")
			.tags("reason", "slow-client", "kind", "sse")
			.counter();
		return counter == null ? 0 : counter.count();
	}

	private static Duration max(Duration a, Duration b) {
		return a.compareTo(b) >= 0 ? a : b;
	}

}
