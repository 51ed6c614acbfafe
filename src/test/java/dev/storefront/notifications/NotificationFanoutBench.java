package dev.storefront.notifications;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

import dev.storefront.support.Api;

import static org.awaitility.Awaitility.await;

/**
 * Benchmark, not a test (no assertion on figures; surefire only runs it when named): end-to-end
 * notification latency from the handler call on instance A to SSE clients on A and B, p50/p99, with a
 * small baseline (10 clients) and the target load (1,000 clients over 2 instances) in the same run.
 * <pre>
 * bench/notifications.sh      # or: ./mvnw -B -o -q test -Dtest=NotificationFanoutBench -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * Settings (system properties): {@code bench.users} (50), {@code bench.streamsPerUser} (20),
 * {@code bench.notifications} (500), {@code bench.rate} (50 per second).
 */
class NotificationFanoutBench {

	private final int users = Integer.getInteger("bench.users", 50);

	private final int streamsPerUser = Integer.getInteger("bench.streamsPerUser", 20);

	private final int notifications = Integer.getInteger("bench.notifications", 500);

	private final int rate = Integer.getInteger("bench.rate", 50);

	@Test
	void fanOutLatency() throws Exception {
		// All streams come from 127.0.0.1 and up to 20 per user: the connection caps (100 per address, 10 per
		// user) are raised, as the rate limits are switched off; this measures fan-out, not admission.
		String[] quiet = { "--storefront.ratelimit.enabled=false", "--logging.level.root=warn",
				"--logging.level.dev.storefront=warn", "--server.tomcat.threads.max=50",
				"--storefront.notifications.connections.per-address=100000",
				"--storefront.notifications.connections.per-user=1000" };
		try (SecondInstance a = SecondInstance.start(quiet); SecondInstance b = SecondInstance.start(quiet)) {
			Api api = new Api(a.port);
			List<Api.Session> sessions = new ArrayList<>();
			for (int i = 0; i < users; i++) {
				sessions.add(api.newUser());
			}
			NotificationHandler handler = a.bean(NotificationHandler.class);
			StringBuilder report = new StringBuilder();
			report.append(String.format("users=%d streamsPerUser=%d notifications=%d rate=%d/s cores=%d%n", users,
					streamsPerUser, notifications, rate, Runtime.getRuntime().availableProcessors()));
			Result warm = run("warm-up", handler, sessions.subList(0, 10), 1, a, b, notifications / 5);
			Result baseline = run("baseline", handler, sessions.subList(0, 10), 1, a, b, notifications);
			Result load = run("load", handler, sessions, streamsPerUser, a, b, notifications);
			for (Result result : List.of(warm, baseline, load)) {
				report.append(result).append('\n');
			}
			report.append(String.format("ratio load/baseline: p50 %.2fx, p99 %.2fx%n", load.p50 / baseline.p50,
					load.p99 / baseline.p99));
			System.out.print(report);
			Path out = Path.of("target", "bench-notifications");
			Files.createDirectories(out);
			Files.writeString(out.resolve("result.txt"), report);
		}
	}

	private Result run(String name, NotificationHandler handler, List<Api.Session> audience, int streamsEach,
			SecondInstance a, SecondInstance b, int count) throws Exception {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
		List<SseClient> clients = new ArrayList<>();
		try {
			for (Api.Session user : audience) {
				for (int s = 0; s < streamsEach; s++) {
					clients.add(SseClient.connected(http, s % 2 == 0 ? a.port : b.port, user.token(), null));
				}
			}
			Map<Long, Long> sentAt = new ConcurrentHashMap<>();
			long orderBase = System.nanoTime() & 0xFFFFFFFL;
			long periodNanos = TimeUnit.SECONDS.toNanos(1) / rate;
			long next = System.nanoTime();
			for (int i = 0; i < count; i++) {
				// Park until the send time: a spinning producer would take a core from the code under test.
				for (long wait = next - System.nanoTime(); wait > 0; wait = next - System.nanoTime()) {
					java.util.concurrent.locks.LockSupport.parkNanos(wait);
				}
				next += periodNanos;
				long orderId = orderBase + i;
				Api.Session user = audience.get(i % audience.size());
				sentAt.put(orderId, System.nanoTime());
				handler.handle(RealtimeNotificationsIntegrationTests.orderEvent("OrderConfirmed", user.userId(), orderId));
			}
			int expected = count * streamsEach;
			try {
				await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
					.until(() -> clients.stream().mapToInt(c -> c.events.size()).sum() >= expected);
			}
			catch (ConditionTimeoutException ex) {
				// Stragglers that never came are reported as lost below, not a failure of the benchmark.
			}
			List<Long> latencies = new ArrayList<>(expected);
			for (SseClient client : clients) {
				for (SseClient.Event event = client.events.poll(); event != null; event = client.events.poll()) {
					Long sent = sentAt.get(event.data().get("data").get("orderId").asLong());
					if (sent != null) {
						latencies.add(event.receivedNanos() - sent);
					}
				}
			}
			return Result.of(name, clients.size(), expected, latencies);
		}
		finally {
			clients.forEach(SseClient::close);
		}
	}

	record Result(String name, int clients, int expected, int received, double p50, double p99, double max) {

		static Result of(String name, int clients, int expected, List<Long> nanos) {
			long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
			return new Result(name, clients, expected, sorted.length, percentile(sorted, 0.50), percentile(sorted, 0.99),
					sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6);
		}

		private static double percentile(long[] sorted, double p) {
			return sorted.length == 0 ? Double.NaN
					: sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
		}

		@Override
		public String toString() {
			return String.format("%-9s clients=%4d deliveries=%d/%d p50=%.2f ms p99=%.2f ms max=%.2f ms", name, clients,
					received, expected, p50, p99, max);
		}

	}

}
