package dev.storefront.notifications;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Flow;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real SSE client over {@link HttpClient}: reads the stream line by line on the client's threads and
 * queues each event (id, name, JSON data) with the time it arrived; comments are counted apart.
 */
final class SseClient implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** One received event; {@code receivedNanos} is {@link System#nanoTime()} on arrival. */
	record Event(String id, String name, JsonNode data, long receivedNanos) {
	}

	final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

	final BlockingQueue<String> comments = new LinkedBlockingQueue<>();

	/** Completes when the server ends the stream (or the connection fails). */
	final CompletableFuture<Void> ended = new CompletableFuture<>();

	private final CompletableFuture<HttpResponse<Void>> response;

	private volatile Flow.Subscription subscription;

	private SseClient(HttpClient http, HttpRequest request) {
		// The stream's status and headers are checked against the contract as they arrive (the body never ends).
		response = http.sendAsync(request, head -> {
			dev.storefront.support.Contract.checkHead("GET", request.uri().getRawPath(), head);
			return HttpResponse.BodySubscribers.fromLineSubscriber(new Lines());
		});
		response.whenComplete((r, error) -> {
			if (error != null) {
				ended.complete(null);
			}
		});
	}

	static SseClient open(HttpClient http, int port, String token, String lastEventId) {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/notifications/stream"))
			.header("Accept", "text/event-stream")
			.header("X-Auth-Token", token);
		if (lastEventId != null) {
			request.header("Last-Event-ID", lastEventId);
		}
		return new SseClient(http, request.GET().build());
	}

	/** Opens a stream and waits for the server's "connected" comment, i.e. until it is registered. */
	static SseClient connected(HttpClient http, int port, String token, String lastEventId) throws Exception {
		SseClient client = open(http, port, token, lastEventId);
		String first = client.comments.poll(10, TimeUnit.SECONDS);
		if (!"connected".equals(first)) {
			client.close();
			throw new AssertionError("SSE stream did not open: " + client.status());
		}
		return client;
	}

	int status() throws Exception {
		return response.get(10, TimeUnit.SECONDS).statusCode();
	}

	Event next(Duration timeout) throws InterruptedException {
		return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public void close() {
		Flow.Subscription current = subscription;
		if (current != null) {
			current.cancel();
		}
		response.cancel(true);
	}

	private final class Lines implements Flow.Subscriber<String> {

		private final List<String> data = new ArrayList<>();

		private String id;

		private String name;

		@Override
		public void onSubscribe(Flow.Subscription subscription) {
			SseClient.this.subscription = subscription;
			subscription.request(Long.MAX_VALUE);
		}

		@Override
		public void onNext(String line) {
			if (line.isEmpty()) {
				if (!data.isEmpty()) {
					events.add(new Event(id, name, JSON.readTree(String.join("\n", data)), System.nanoTime()));
				}
				data.clear();
				id = null;
				name = null;
			}
			else if (line.startsWith(":")) {
				comments.add(line.substring(1).strip());
			}
			else if (line.startsWith("id:")) {
				id = line.substring(3).strip();
			}
			else if (line.startsWith("event:")) {
				name = line.substring(6).strip();
			}
			else if (line.startsWith("data:")) {
				data.add(line.substring(5).strip());
			}
		}

		@Override
		public void onError(Throwable throwable) {
			ended.complete(null);
		}

		@Override
		public void onComplete() {
			ended.complete(null);
		}

	}

}
