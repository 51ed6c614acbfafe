package dev.storefront.notifications;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;

import dev.storefront.support.Api;
import dev.storefront.support.Api.Session;
import dev.storefront.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The limits on realtime connections, with real sockets against the shared application. Each test
 * connects from a loopback source address of its own ({@code 127.0.0.x}), so its counts and rate limits
 * are its own.
 */
@IntegrationTest
class ConnectionLimitsIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	Api api;

	@Autowired
	Environment environment;

	private final List<RawRealtime> open = new ArrayList<>();

	@AfterEach
	void closeAll() {
		open.forEach(RawRealtime::close);
		open.clear();
	}

	@Test
	void oneAddressHoldsOneHundredConnectionsThenGets429UntilOneCloses() throws Exception {
		String address = "127.0.0.21";
		// 100 connected STOMP sockets: 10 users, each at its own cap of 10.
		for (int u = 0; u < 10; u++) {
			Session user = api.newUser();
			for (int i = 0; i < 10; i++) {
				open.add(RawRealtime.stomp(address, port, user.token()));
			}
		}
		try (RawRealtime refused = RawRealtime.webSocket(address, port)) {
			assertThat(refused.answer.status()).isEqualTo(429);
			assertThat(refused.answer.headers().get("content-type")).startsWith("application/problem+json");
			assertThat(refused.answer.headers()).containsKey("retry-after");
			assertThat(refused.answer.body()).contains("/problems/too-many-connections").contains("\"scope\":\"address\"");
		}
		// An SSE stream counts against the same cap.
		try (RawRealtime refused = RawRealtime.sse(address, port, api.newUser().token(), 0)) {
			assertThat(refused.answer.status()).isEqualTo(429);
		}

		open.remove(0).close();
		Session another = api.newUser();
		await().atMost(Duration.ofSeconds(10)).until(() -> opened(RawRealtime.webSocket(address, port), another));
		try (RawRealtime refused = RawRealtime.webSocket(address, port)) {
			assertThat(refused.answer.status()).as("at the cap again").isEqualTo(429);
		}
	}

	@Test
	void oneUserHoldsTenConnectionsOverWebSocketAndSseTogether() throws Exception {
		String address = "127.0.0.22";
		Session user = api.newUser();
		for (int i = 0; i < 5; i++) {
			open.add(RawRealtime.stomp(address, port, user.token()));
			RawRealtime sse = RawRealtime.sse(address, port, user.token(), 0);
			open.add(sse);
			assertThat(sse.answer.status()).isEqualTo(200);
		}

		try (RawRealtime eleventh = RawRealtime.sse(address, port, user.token(), 0)) {
			assertThat(eleventh.answer.status()).isEqualTo(429);
			assertThat(eleventh.answer.body()).contains("too-many-connections").contains("\"scope\":\"user\"");
		}
		// A socket whose handshake was anonymous learns its user on CONNECT: a STOMP ERROR, then closed.
		try (RawRealtime eleventh = RawRealtime.webSocket(address, port)) {
			assertThat(eleventh.answer.status()).isEqualTo(101);
			assertThat(eleventh.connect(user.token(), "0,0")).startsWith("ERROR").contains("Too many open realtime");
			assertThat(eleventh.awaitClosedByServer(Duration.ofSeconds(5))).isTrue();
		}

		open.remove(0).close();
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			RawRealtime again = RawRealtime.sse(address, port, user.token(), 0);
			open.add(again);
			return again.answer.status() == 200;
		});
	}

	/** Whether the socket completed CONNECT; kept open if so, closed if not. */
	private boolean opened(RawRealtime socket, Session user) throws Exception {
		if (socket.answer.status() != 101 || !socket.connect(user.token(), "0,0").startsWith("CONNECTED")) {
			socket.close();
			return false;
		}
		open.add(socket);
		return true;
	}

	@Test
	void socketThatNeverSendsConnectIsClosedAfterTheConnectTimeout() throws Exception {
		Duration timeout = environment.getProperty("storefront.notifications.connections.connect-timeout",
				Duration.class, Duration.ofSeconds(10));
		try (RawRealtime idle = RawRealtime.webSocket("127.0.0.24", port)) {
			assertThat(idle.answer.status()).isEqualTo(101);
			long started = System.nanoTime();
			assertThat(idle.awaitClosedByServer(timeout.plusSeconds(5))).as("closed by the server").isTrue();
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(timeout.minusSeconds(1));
		}
	}

	@Test
	void heartbeatBeforeConnectIsAnsweredWithErrorAndTheSocketClosed() throws Exception {
		try (RawRealtime socket = RawRealtime.webSocket("127.0.0.25", port)) {
			assertThat(socket.answer.status()).isEqualTo(101);
			socket.send("\n");
			assertThat(socket.frame(Duration.ofSeconds(5))).startsWith("ERROR");
			assertThat(socket.awaitClosedByServer(Duration.ofSeconds(5))).isTrue();
		}
	}

	@Test
	void clientThatNegotiatedHeartbeatsAndFellSilentIsClosed() throws Exception {
		Session user = api.newUser();
		long interval = environment
			.getProperty("storefront.notifications.connections.heartbeat", Duration.class, Duration.ofSeconds(10))
			.toMillis();
		try (RawRealtime socket = RawRealtime.webSocket("127.0.0.28", port)) {
			// The client promises a heart-beat every interval, and then sends nothing: a dead client.
			assertThat(socket.connect(user.token(), interval + ",0")).startsWith("CONNECTED");
			long started = System.nanoTime();
			assertThat(socket.awaitClosedByServer(Duration.ofMillis(interval * 6))).as("closed by the server").isTrue();
			assertThat(Duration.ofNanos(System.nanoTime() - started)).as("after about three intervals")
				.isGreaterThan(Duration.ofMillis(interval * 2));
		}
	}

	@Test
	void serverOffersHeartbeatsBothWays() throws Exception {
		Session user = api.newUser();
		try (RawRealtime socket = RawRealtime.webSocket("127.0.0.26", port)) {
			long interval = environment
				.getProperty("storefront.notifications.connections.heartbeat", Duration.class, Duration.ofSeconds(10))
				.toMillis();
			String connected = socket.connect(user.token(), "0," + interval);
			assertThat(connected).startsWith("CONNECTED").contains("heart-beat:" + interval + "," + interval);
			// The client asked for one every interval: it comes (a lone newline), with some slack.
			String beat = socket.frame(Duration.ofMillis(interval * 2));
			assertThat(beat).isEqualTo("\n");
		}
	}

}
