package dev.storefront.ops;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.storefront.support.Api;
import dev.storefront.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The console's data endpoints over plain HTTP: who may read them, and what one producer costs. */
@IntegrationTest
class OpsConsoleStreamIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	Api api;

	@Autowired
	MeterRegistry meters;

	@Autowired
	SnapshotBroadcaster broadcaster;

	@Autowired
	JsonMapper json;

	@Test
	void anonymousCallersAndNonAdministratorsGetNoData() {
		Api.Session user = api.newUser();
		for (String path : List.of("/api/admin/ops/stream", "/api/admin/ops/snapshot")) {
			assertThat(api.get(path).header("Accept", "text/event-stream, application/json").send().status())
				.as("anonymous " + path).isEqualTo(401);
			assertThat(api.get(path).header("Accept", "text/event-stream, application/json").as(user).send().status())
				.as("user " + path).isEqualTo(403);
		}
	}

	@Test
	void anAdministratorGetsTheSnapshotOfEveryPanel() {
		JsonNode snapshot = api.get("/api/admin/ops/snapshot").as(api.admin()).send().expect(200).json();
		assertThat(snapshot.get("redis").get(0).get("redis").asString()).isEqualTo("state");
		assertThat(snapshot.get("redis").get(0).get("usedMemory").asDouble()).isPositive();
		assertThat(names(snapshot.get("breakers"), "name")).contains("session-store");
		assertThat(snapshot.has("caches") && snapshot.has("rateLimits") && snapshot.has("queues")
				&& snapshot.has("streams") && snapshot.has("realtime") && snapshot.has("orders")).isTrue();
	}

	@Test
	void oneProducerServesEveryOpenStreamAtMostOncePerSecondAndStopsWhenNobodyListens() throws Exception {
		Api.Session admin = api.admin();
		await().atMost(Duration.ofSeconds(10)).until(() -> broadcaster.listeners() == 0);
		double ticksBefore = ticks();
		long started = System.nanoTime();
		List<Stream> streams = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			streams.add(Stream.open(port, admin.token()));
		}
		await().atMost(Duration.ofSeconds(15)).until(() -> streams.stream().allMatch(s -> s.snapshots.size() >= 3));
		double seconds = (System.nanoTime() - started) / 1e9;
		double ticks = ticks() - ticksBefore;
		assertThat(ticks).as("snapshots built for 3 streams in %.1f s", seconds).isLessThanOrEqualTo(Math.ceil(seconds) + 1);
		JsonNode first = json.readTree(streams.get(0).snapshots.get(0));
		assertThat(first.get("breakers").isArray()).isTrue();
		assertThat(first.get("at").asString()).isNotBlank();

		streams.forEach(Stream::close);
		await().atMost(Duration.ofSeconds(10)).until(() -> broadcaster.listeners() == 0);
		double stopped = ticks();
		await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> ticks() == stopped);
	}

	private double ticks() {
		return meters.get("storefront.ops.snapshots").counter().count();
	}

	private static List<String> names(JsonNode array, String field) {
		List<String> names = new ArrayList<>();
		array.forEach(node -> names.add(node.get(field).asString()));
		return names;
	}

	/** One console's stream, read on a thread of its own; the data of each {@code snapshot} event. */
	private static final class Stream implements AutoCloseable {

		private final List<String> snapshots = new CopyOnWriteArrayList<>();

		private final InputStream body;

		private Stream(InputStream body) {
			this.body = body;
			Thread reader = new Thread(this::read, "ops-stream-reader");
			reader.setDaemon(true);
			reader.start();
		}

		static Stream open(int port, String token) throws Exception {
			// Plain HttpClient: the contract validator would wait for the end of an endless body.
			HttpResponse<InputStream> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/admin/ops/stream"))
					.header("X-Auth-Token", token)
					.header("Accept", "text/event-stream")
					.build(), HttpResponse.BodyHandlers.ofInputStream());
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
					type -> assertThat(type).startsWith("text/event-stream"));
			return new Stream(response.body());
		}

		private void read() {
			try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
				String event = null;
				for (String line = lines.readLine(); line != null; line = lines.readLine()) {
					if (line.startsWith("event:")) {
						event = line.substring(6).trim();
					}
					else if (line.startsWith("data:") && "snapshot".equals(event)) {
						snapshots.add(line.substring(5).trim());
					}
				}
			}
			catch (Exception ex) {
				// closed by the test
			}
		}

		@Override
		public void close() {
			try {
				body.close();
			}
			catch (Exception ex) {
				// already closed
			}
		}

	}

}
