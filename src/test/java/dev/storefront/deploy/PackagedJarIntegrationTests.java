package dev.storefront.deploy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

import dev.storefront.support.Api;
import dev.storefront.support.DevServices;
import dev.storefront.support.EmbeddedRedis;
import dev.storefront.support.ProductFixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What users deploy: the fat jar that {@code package} built, started with {@code java -jar} as a child
 * process on the test PostgreSQL (a database of its own), a Redis of its own and the test SMTP server,
 * with actuator on a separate management port. The integration tests run on the test classpath; only
 * this test proves that the jar's own classpath starts and serves the tour (issue 18).
 */
class PackagedJarIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration READY_WITHIN = Duration.ofMinutes(3);

	private static Process app;

	private static Path log;

	private static EmbeddedRedis redis;

	private static int port;

	private static int managementPort;

	private static Api api;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@BeforeAll
	static void startTheJar() throws Exception {
		Path jar = packagedJar();
		if (jar == null) {
			String why = "PackagedJarIntegrationTests SKIPPED: no target/storefront-*.jar; run it with ./mvnw verify "
					+ "(failsafe runs after package), not from an IDE";
			System.out.println("!!! " + why);
			Assumptions.abort(why);
		}
		DevServices.Database database = DevServices.database();
		String name = "jar_" + UUID.randomUUID().toString().replace("-", "");
		try (Connection connection = DriverManager.getConnection(database.url(), database.username(),
				database.password()); Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		redis = EmbeddedRedis.start();
		GreenMail mail = DevServices.mail();
		port = freePort();
		managementPort = freePort();
		Path dir = Files.createDirectories(Path.of("target", "packaged-jar")).toAbsolutePath();
		log = dir.resolve("app-" + port + ".log");

		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-XX:TieredStopAtLevel=1", "-jar",
				jar.toString())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		Map<String, String> env = builder.environment();
		env.keySet().removeIf(key -> key.startsWith("SPRING_") || key.startsWith("STOREFRONT_")
				|| key.startsWith("MANAGEMENT_") || key.startsWith("SERVER_"));
		env.put("SERVER_PORT", String.valueOf(port));
		env.put("MANAGEMENT_SERVER_PORT", String.valueOf(managementPort));
		env.put("SERVER_TOMCAT_BASEDIR", dir.resolve("tomcat-" + port).toString());
		env.put("SPRING_DATASOURCE_URL", withDatabase(database.url(), name));
		env.put("SPRING_DATASOURCE_USERNAME", database.username());
		env.put("SPRING_DATASOURCE_PASSWORD", database.password());
		env.put("SPRING_DATA_REDIS_URL", redis.url());
		env.put("SPRING_MAIL_HOST", "127.0.0.1");
		env.put("SPRING_MAIL_PORT", String.valueOf(mail.getSmtp().getPort()));
		// The production 500 ms Redis timeouts fail the start on a loaded CI machine (seen at load 25 on 2
		// cores); the test profile's values, as the shared context uses.
		env.put("SPRING_DATA_REDIS_TIMEOUT", "5s");
		env.put("SPRING_DATA_REDIS_CONNECT_TIMEOUT", "5s");
		env.put("STOREFRONT_RATELIMIT_TIMEOUT", "3s");
		// The credentials Api.admin() logs in with.
		env.put("STOREFRONT_ADMIN_EMAIL", "admin@storefront.test");
		env.put("STOREFRONT_ADMIN_PASSWORD", "admin-password-for-tests");
		app = builder.start();

		await().atMost(READY_WITHIN).pollInterval(Duration.ofMillis(500)).until(() -> {
			if (!app.isAlive()) {
				throw new AssertionError("java -jar " + jar + " exited with " + app.exitValue()
						+ " before it was ready; its log:\n" + Files.readString(log));
			}
			return status(URI.create("http://127.0.0.1:" + managementPort + "/actuator/health/readiness")) == 200;
		});
		api = new Api(port);
	}

	@AfterAll
	static void stopTheJar() throws Exception {
		try {
			if (app != null) {
				List<ProcessHandle> children = app.descendants().toList();
				app.destroy();
				if (!app.waitFor(60, TimeUnit.SECONDS)) {
					System.out.println("!!! the packaged jar did not stop within 60 s of SIGTERM; killing it. Its log: "
							+ log);
					app.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
				}
				assertThat(app.isAlive()).as("the java -jar child is gone").isFalse();
				assertThat(children).as("no process the child started survives").noneMatch(ProcessHandle::isAlive);
			}
		}
		finally {
			if (redis != null) {
				redis.close();
			}
		}
	}

	@Test
	void theJarServesTheTour() throws Exception {
		// The contract and its UI.
		JsonNode description = JSON.readTree(get(port, "/v3/api-docs").body());
		assertThat(description.get("openapi").asString()).startsWith("3.0");
		assertThat(description.get("paths").has("/api/orders")).isTrue();
		HttpResponse<String> ui = get(port, "/swagger-ui/index.html");
		assertThat(ui.statusCode()).isEqualTo(200);
		assertThat(ui.body()).contains("swagger-ui");

		// Register and log in; something to buy.
		Api.Session user = api.newUser();
		ProductFixtures catalog = new ProductFixtures(api);
		long product = catalog.product("12.50", 10);

		try (Sse sse = Sse.open(http, port, user.token())) {
			// Pay, and the confirmation arrives on the stream.
			long orderId = api.post("/api/orders", Map.of("items", List.of(Map.of("productId", product, "quantity", 2))))
				.as(user)
				.send()
				.expect(201)
				.json()
				.get("id")
				.asLong();
			api.post("/api/orders/" + orderId + "/pay", null).as(user).send().expect(200);
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(sse.lines).anyMatch(line -> line.startsWith("data:")
						&& line.contains("order.confirmed") && line.contains("\"orderId\":" + orderId)));

			// The confirmation mail reaches the SMTP server.
			await().atMost(Duration.ofSeconds(60))
				.until(() -> subjects(user.email()).contains("Order " + orderId + " confirmed"));
		}

		// STOMP over WebSocket.
		WebSocketStompClient stomp = new WebSocketStompClient(new StandardWebSocketClient());
		StompHeaders connect = new StompHeaders();
		connect.add("X-Auth-Token", user.token());
		StompSession session = stomp
			.connectAsync("ws://127.0.0.1:" + port + "/ws", new WebSocketHttpHeaders(), connect,
					new StompSessionHandlerAdapter() {
					})
			.get(30, TimeUnit.SECONDS);
		assertThat(session.isConnected()).isTrue();
		session.disconnect();
		stomp.stop();

		// An image upload, processed by the images queue's worker.
		HttpResponse<String> upload = upload(product, catalog.admin(), png(400, 300));
		assertThat(upload.statusCode()).as(upload.body()).isEqualTo(202);
		String jobId = JSON.readTree(upload.body()).get("jobId").asString();
		await().atMost(Duration.ofSeconds(60))
			.until(() -> api.get("/api/jobs/" + jobId).as(catalog.admin()).send().expect(200).json().get("state")
				.asString(), state -> state.equals("completed") || state.equals("failed"));
		assertThat(api.get("/api/jobs/" + jobId).as(catalog.admin()).send().json().get("state").asString())
			.isEqualTo("completed");
		long imageId = JSON.readTree(upload.body()).get("imageId").asLong();
		assertThat(get(port, "/api/images/" + imageId + "/thumb").statusCode()).isEqualTo(200);

		// Prometheus scrapes the management port without a login.
		HttpResponse<String> scrape = get(managementPort, "/actuator/prometheus");
		assertThat(scrape.statusCode()).isEqualTo(200);
		assertThat(scrape.body()).contains("http_server_requests_seconds_count");

		assertThat(app.isAlive()).as("still running after the tour; log: " + log).isTrue();
	}

	/** The shipped limits (production settings, no test profile): 5 pending orders per user, 50 per line. */
	@Test
	void theShippedDefaultsBoundWhatOneUserMayHold() {
		Api.Session user = api.newUser();
		long product = new ProductFixtures(api).product("1.00", 1000);
		Api.Response tooMany = api.post("/api/orders", order(product, 51)).as(user).send().expect(400);
		assertThat(tooMany.json().get("max").asInt()).isEqualTo(50);
		for (int i = 0; i < 5; i++) {
			api.post("/api/orders", order(product, 50)).as(user).send().expect(201);
		}
		Api.Response refused = api.post("/api/orders", order(product, 1)).as(user).send().expect(409);
		assertThat(refused.json().get("type").asString()).endsWith("/too-many-pending-orders");
	}

	private static Map<String, Object> order(long product, int quantity) {
		return Map.of("items", List.of(Map.of("productId", product, "quantity", quantity)));
	}

	private HttpResponse<String> get(int port, String path) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> upload(long product, Api.Session admin, byte[] png) throws Exception {
		String boundary = "----sf" + UUID.randomUUID();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"p.png\"\r\n"
				+ "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
		body.write(png);
		body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return dev.storefront.support.Contract.checked(http.send(HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/products/" + product + "/images"))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.header("X-Auth-Token", admin.token())
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
			.build(), HttpResponse.BodyHandlers.ofString()));
	}

	private static List<String> subjects(String to) {
		return Arrays.stream(DevServices.mail().getReceivedMessagesForDomain(to)).map(message -> {
			try {
				return ((Message) message).getSubject();
			}
			catch (MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}).toList();
	}

	private static byte[] png(int width, int height) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png", out);
		return out.toByteArray();
	}

	/** The fat jar {@code package} wrote, or null when there is none (a run from an IDE). */
	private static Path packagedJar() throws IOException {
		Path target = Path.of("target");
		if (!Files.isDirectory(target)) {
			return null;
		}
		List<Path> jars = new ArrayList<>();
		try (DirectoryStream<Path> candidates = Files.newDirectoryStream(target, "storefront-*.jar")) {
			candidates.forEach(jars::add);
		}
		assertThat(jars).as("one packaged jar in target/").hasSizeLessThanOrEqualTo(1);
		return jars.isEmpty() ? null : jars.get(0).toAbsolutePath();
	}

	/** The JDBC URL with its database name replaced. */
	static String withDatabase(String url, String database) {
		int query = url.indexOf('?');
		String base = query < 0 ? url : url.substring(0, query);
		String rest = query < 0 ? "" : url.substring(query);
		return base.substring(0, base.lastIndexOf('/') + 1) + database + rest;
	}

	private static int status(URI uri) {
		try {
			return HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
						HttpResponse.BodyHandlers.discarding())
				.statusCode();
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The notification stream, its lines collected as they arrive. */
	private static final class Sse implements AutoCloseable {

		final Queue<String> lines = new ConcurrentLinkedQueue<>();

		private final CompletableFuture<HttpResponse<Stream<String>>> response;

		private Sse(CompletableFuture<HttpResponse<Stream<String>>> response) {
			this.response = response;
		}

		static Sse open(HttpClient http, int port, String token) throws Exception {
			HttpRequest request = HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/notifications/stream"))
				.header("Accept", "text/event-stream")
				.header("X-Auth-Token", token)
				.build();
			Sse sse = new Sse(http.sendAsync(request, HttpResponse.BodyHandlers.ofLines()));
			HttpResponse<Stream<String>> opened = sse.response.get(30, TimeUnit.SECONDS);
			assertThat(opened.statusCode()).isEqualTo(200);
			Thread reader = new Thread(() -> {
				try (Stream<String> body = opened.body()) {
					body.forEach(sse.lines::add);
				}
				catch (UncheckedIOException ex) {
					// Closed by the test.
				}
			}, "sse-lines");
			reader.setDaemon(true);
			reader.start();
			// The server's first comment says the stream is registered: only then can nothing be missed.
			await().atMost(Duration.ofSeconds(30)).until(() -> sse.lines.stream().anyMatch(line -> line.startsWith(":") && line.contains("connected")));
			return sse;
		}

		@Override
		public void close() {
			response.thenAccept(r -> r.body().close());
		}

	}

}
