import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The HTTP clients of .ci/rehearsal that curl cannot be: an SSE reader, a STOMP-over-WebSocket client and
 * a stream of concurrent reads. JDK only (java.net.http), so `java .ci/RehearsalClient.java ...` runs it.
 * Every wait polls a condition against a deadline. Exit status 0: the check held; 1: it did not (the reason
 * on stderr).
 *
 * <pre>
 * sse   BASE TOKEN PRODUCT              an order's order.placed notification arrives on the SSE stream
 *                                       within 1 s of its creation (nginx must not buffer the stream)
 * stomp BASE TOKEN PRODUCT              STOMP CONNECT over BASE/ws (a WebSocket upgrade through nginx),
 *                                       SUBSCRIBE, and the order.placed notification arrives as a MESSAGE
 * reads BASE PATH STOPFILE TOKEN...     one reader per token GETs PATH, 10 per second each (under the
 *                                       authenticated rate limit), until STOPFILE exists (5 min at most);
 *                                       a line of counts every 500 ms; exit 1 if a read nginx could have
 *                                       retried was lost (see the method)
 * </pre>
 */
public class RehearsalClient {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	public static void main(String[] args) throws Exception {
		int status = switch (args.length == 0 ? "" : args[0]) {
			case "sse" -> sse(args[1], args[2], Long.parseLong(args[3]));
			case "stomp" -> stomp(args[1], args[2], Long.parseLong(args[3]));
			case "reads" -> reads(args[1], args[2], Path.of(args[3]), List.of(args).subList(4, args.length));
			default -> {
				System.err.println("usage: sse|stomp|reads ... (see the class comment)");
				yield 2;
			}
		};
		System.exit(status);
	}

	/** SSE: order.placed for a new order, measured from the notification's id (its stream time, ms). */
	static int sse(String base, String token, long product) throws Exception {
		Queue<String> lines = new ConcurrentLinkedQueue<>();
		Queue<Long> arrivals = new ConcurrentLinkedQueue<>();
		HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/notifications/stream"))
			.header("Accept", "text/event-stream")
			.header("X-Auth-Token", token)
			.build();
		HttpResponse<Stream<String>> response = HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofLines())
			.get(WAIT.toSeconds(), TimeUnit.SECONDS);
		if (response.statusCode() != 200) {
			return fail("SSE stream answered " + response.statusCode());
		}
		Thread reader = new Thread(() -> {
			try (Stream<String> body = response.body()) {
				body.forEach(line -> {
					arrivals.add(System.currentTimeMillis());
					lines.add(line);
				});
			}
			catch (UncheckedIOException ex) {
				// closed at exit
			}
		});
		reader.setDaemon(true);
		reader.start();
		// The server's first comment says the stream is registered: from then on nothing is missed.
		if (!await(WAIT, () -> lines.stream().anyMatch(line -> line.startsWith(":") && line.contains("connected")))) {
			return fail("no ': connected' comment on the SSE stream within " + WAIT.toSeconds() + " s; got " + lines);
		}
		long posted = System.currentTimeMillis();
		long orderId = placeOrder(base, token, product);
		// Each line is paired with its arrival time; an event is id:, event:, data: lines.
		Pattern order = Pattern.compile("\"orderId\":" + orderId + "\\b");
		String id = null;
		long deadline = System.nanoTime() + WAIT.toNanos();
		List<String> seen = new ArrayList<>();
		while (System.nanoTime() < deadline) {
			String line = lines.poll();
			if (line == null) {
				Thread.onSpinWait();
				Thread.sleep(5);
				continue;
			}
			long arrived = arrivals.poll();
			seen.add(line);
			if (line.startsWith("id:")) {
				id = line.substring(3).trim();
			}
			else if (line.startsWith("data:") && line.contains("order.placed") && order.matcher(line).find()) {
				if (id == null) {
					return fail("SSE event without an id: " + seen);
				}
				long created = Long.parseLong(id.substring(0, id.indexOf('-')));
				long lag = arrived - created;
				System.out.printf("sse: order %d: order.placed (id %s) arrived %d ms after it was created, %d ms after the POST%n",
						orderId, id, lag, arrived - posted);
				if (lag > 1000) {
					return fail("the SSE notification arrived " + lag + " ms after it was created (limit 1000 ms): buffered?");
				}
				return 0;
			}
		}
		return fail("no order.placed for order " + orderId + " on the SSE stream within " + WAIT.toSeconds()
				+ " s; lines: " + seen);
	}

	/** STOMP over WebSocket: CONNECT, SUBSCRIBE to the user's queue, then the order's notification. */
	static int stomp(String base, String token, long product) throws Exception {
		Queue<String> frames = new ConcurrentLinkedQueue<>();
		AtomicBoolean closed = new AtomicBoolean();
		StringBuilder partial = new StringBuilder();
		WebSocket.Listener listener = new WebSocket.Listener() {
			@Override
			public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
				partial.append(data);
				if (last) {
					frames.add(partial.toString());
					partial.setLength(0);
				}
				socket.request(1);
				return null;
			}

			@Override
			public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
				closed.set(true);
				frames.add("CLOSED " + status + " " + reason);
				return null;
			}
		};
		URI ws = URI.create(base.replaceFirst("^http", "ws") + "/ws");
		WebSocket socket;
		try {
			socket = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10)).buildAsync(ws, listener)
				.get(WAIT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			return fail("WebSocket upgrade at " + ws + " failed: " + ex.getCause());
		}
		socket.sendText("CONNECT\naccept-version:1.2\nhost:storefront\nheart-beat:0,0\nX-Auth-Token:" + token
				+ "\n\n\0", true).get(10, TimeUnit.SECONDS);
		if (!await(WAIT, () -> frames.stream().anyMatch(f -> f.startsWith("CONNECTED") || f.startsWith("ERROR") || f.startsWith("CLOSED")))) {
			return fail("no answer to STOMP CONNECT within " + WAIT.toSeconds() + " s");
		}
		if (frames.stream().noneMatch(f -> f.startsWith("CONNECTED"))) {
			return fail("STOMP CONNECT refused: " + frames);
		}
		socket.sendText("SUBSCRIBE\nid:sub-0\ndestination:/user/queue/notifications\n\n\0", true).get(10, TimeUnit.SECONDS);
		long orderId = placeOrder(base, token, product);
		Pattern order = Pattern.compile("\"orderId\":" + orderId + "\\b");
		if (!await(WAIT, () -> closed.get() || frames.stream()
			.anyMatch(f -> f.startsWith("MESSAGE") && f.contains("order.placed") && order.matcher(f).find()))) {
			return fail("no STOMP MESSAGE for order " + orderId + " within " + WAIT.toSeconds() + " s; frames: " + frames);
		}
		if (closed.get()) {
			return fail("the WebSocket closed: " + frames);
		}
		System.out.println("stomp: CONNECTED through " + ws + ", order.placed for order " + orderId + " received");
		socket.sendText("DISCONNECT\n\n\0", true);
		socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
		return 0;
	}

	/**
	 * Concurrent paced GETs until the stop file exists. A read is lost when it ends in an error status or
	 * fails before its response began: nginx could have retried it on the other upstream. A read whose
	 * response had begun when its replica died is cut: nginx cannot retry once it has sent a response's
	 * first bytes, so each reader may see one at the moment of a crash, no more.
	 */
	static int reads(String base, String path, Path stop, List<String> tokens) throws Exception {
		AtomicLong ok = new AtomicLong();
		AtomicLong cut = new AtomicLong();
		Map<String, Long> lost = new TreeMap<>();
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
		List<Thread> readers = new ArrayList<>();
		for (String token : tokens) {
			Thread reader = new Thread(() -> {
				long next = System.nanoTime();
				while (!Files.exists(stop) && System.nanoTime() < deadline) {
					// A steady stream: one read per 100 ms slot.
					LockSupport.parkNanos(next - System.nanoTime());
					next += TimeUnit.MILLISECONDS.toNanos(100);
					AtomicBoolean began = new AtomicBoolean();
					String outcome;
					try {
						HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
							.header("X-Auth-Token", token)
							.timeout(Duration.ofSeconds(30))
							.build(), info -> {
								began.set(true);
								return HttpResponse.BodySubscribers.ofString(java.nio.charset.StandardCharsets.UTF_8);
							});
						outcome = response.statusCode() / 100 == 2 ? null
								: response.statusCode() + " " + abbreviate(response.body());
					}
					catch (IOException ex) {
						if (began.get()) {
							cut.incrementAndGet();
							System.out.println("reads: a response was cut after it began: " + ex);
							continue;
						}
						outcome = ex.toString();
					}
					catch (InterruptedException ex) {
						return;
					}
					if (outcome == null) {
						ok.incrementAndGet();
					}
					else {
						synchronized (lost) {
							lost.merge(outcome, 1L, Long::sum);
						}
					}
				}
			});
			reader.start();
			readers.add(reader);
		}
		while (readers.stream().anyMatch(Thread::isAlive)) {
			for (Thread reader : readers) {
				reader.join(Math.max(1, 500 / readers.size()));
			}
			synchronized (lost) {
				System.out.println("reads: ok=" + ok.get() + " lost=" + lost.values().stream().mapToLong(Long::longValue).sum()
						+ " cut=" + cut.get());
			}
		}
		if (!lost.isEmpty()) {
			return fail("reads lost although nginx could have retried them: " + lost);
		}
		if (cut.get() > readers.size()) {
			return fail(cut.get() + " responses cut after they began, more than one per reader (" + readers.size() + ")");
		}
		return 0;
	}

	/** POST /api/orders with one unit of the product; the new order's id. */
	static long placeOrder(String base, String token, long product) throws Exception {
		HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/orders"))
			.header("X-Auth-Token", token)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"items\":[{\"productId\":" + product + ",\"quantity\":1}]}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 201) {
			throw new IllegalStateException("POST /api/orders answered " + response.statusCode() + ": " + response.body());
		}
		Matcher id = Pattern.compile("\"id\":(\\d+)").matcher(response.body());
		if (!id.find()) {
			throw new IllegalStateException("no order id in " + response.body());
		}
		return Long.parseLong(id.group(1));
	}

	static boolean await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (condition.getAsBoolean()) {
				return true;
			}
			Thread.sleep(20);
		}
		return condition.getAsBoolean();
	}

	static String abbreviate(String body) {
		return body.length() <= 200 ? body : body.substring(0, 200) + "...";
	}

	static int fail(String message) {
		System.err.println(message);
		return 1;
	}

}
