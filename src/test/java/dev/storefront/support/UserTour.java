package dev.storefront.support;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.storefront.notifications.SseClient;
import dev.storefront.notifications.StompClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a new user does with a running storefront, from outside and over HTTP only: the API description and
 * Swagger UI, register and log in, STOMP over {@code /ws}, an order placed and paid whose notification
 * arrives on an SSE stream and whose confirmation mail reaches the SMTP server, and an image upload processed
 * by the job queue. Run against the packaged jar ({@code PackagedJarIntegrationTests}) and through nginx in
 * front of two replicas (the production rehearsal).
 */
public final class UserTour {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final int port;

	private final Api api;

	private final Mailbox mailbox;

	private final HttpClient http = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(5))
		.followRedirects(HttpClient.Redirect.NORMAL)
		.build();

	/** Reads what the SMTP server received. */
	@FunctionalInterface
	public interface Mailbox {

		/** The subjects of the mails received so far for {@code recipient}. */
		List<String> subjects(String recipient) throws Exception;

	}

	public UserTour(int port, Api api, Mailbox mailbox) {
		this.port = port;
		this.api = api;
		this.mailbox = mailbox;
	}

	/** Walks every step; {@code admin} signs in to create the product and upload its image. */
	public void walk(String adminEmail, String adminPassword) throws Exception {
		apiDescriptionAndSwaggerUi();
		Api.Session admin = api.login(adminEmail, adminPassword);
		long product = product(admin);
		Api.Session user = api.newUser();
		stompConnects(user);
		orderNotifiedOverSseAndMailed(user, product);
		imageUploadCompletes(admin, product);
	}

	public void apiDescriptionAndSwaggerUi() throws Exception {
		HttpResponse<String> docs = get("/v3/api-docs");
		assertThat(docs.statusCode()).as("/v3/api-docs").isEqualTo(200);
		assertThat(JSON.readTree(docs.body()).get("openapi").asString()).startsWith("3.");
		HttpResponse<String> ui = get("/swagger-ui.html");
		assertThat(ui.statusCode()).as("/swagger-ui.html (redirects followed)").isEqualTo(200);
		assertThat(ui.body()).contains("swagger-ui");
	}

	public long product(Api.Session admin) {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		long category = api.post("/api/categories", Map.of("name", "Tour " + suffix))
			.as(admin)
			.send()
			.expect(201)
			.json()
			.get("id")
			.asLong();
		return api
			.post("/api/products",
					Map.of("sku", "TOUR-" + suffix, "name", "Tour lamp " + suffix, "price",
							new java.math.BigDecimal("12.50"), "stock", 10, "categoryId", category))
			.as(admin)
			.send()
			.expect(201)
			.json()
			.get("id")
			.asLong();
	}

	public void stompConnects(Api.Session user) throws Exception {
		try (StompClient stomp = StompClient.withToken(port, user.token())) {
			assertThat(stomp.session().isConnected()).as("STOMP CONNECTED over /ws").isTrue();
		}
	}

	public void orderNotifiedOverSseAndMailed(Api.Session user, long product) throws Exception {
		try (SseClient sse = SseClient.connected(http, port, user.token(), null)) {
			long order = api.post("/api/orders", Map.of("items", List.of(Map.of("productId", product, "quantity", 1))))
				.as(user)
				.send()
				.expect(201)
				.json()
				.get("id")
				.asLong();
			api.post("/api/orders/" + order + "/pay", Map.of()).as(user).send().expect(200);
			// The stream carries each transition in order: placed, then confirmed.
			for (String expected : List.of("order.placed", "order.confirmed")) {
				SseClient.Event event = sse.next(Duration.ofSeconds(15));
				assertThat(event).as(expected + " on the SSE stream").isNotNull();
				assertThat(event.data().get("type").asString()).isEqualTo(expected);
				assertThat(event.data().get("data").get("orderId").asLong()).isEqualTo(order);
			}
		}
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(mailbox.subjects(user.email())).as("mails to " + user.email())
				.anySatisfy(subject -> assertThat(subject).containsIgnoringCase("order")));
	}

	public void imageUploadCompletes(Api.Session admin, long product) throws Exception {
		String boundary = "----tour" + UUID.randomUUID();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"tour.jpg\""
				+ "\r\nContent-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
		body.write(jpeg());
		body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> upload = http.send(HttpRequest.newBuilder(uri("/api/products/" + product + "/images"))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.header("X-Auth-Token", admin.token())
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(upload.statusCode()).as("image upload: " + upload.body()).isEqualTo(202);
		JsonNode accepted = JSON.readTree(upload.body());
		String job = accepted.get("jobId").asString();
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(200, TimeUnit.MILLISECONDS)
			.untilAsserted(() -> assertThat(
					api.get("/api/jobs/" + job).as(admin).send().expect(200).json().get("state").asString())
				.isEqualTo("completed"));
		String thumb = api.get("/api/products/" + product)
			.send()
			.expect(200)
			.json()
			.get("images")
			.get(0)
			.get("thumbUrl")
			.asString();
		HttpResponse<byte[]> image = http.send(HttpRequest.newBuilder(uri(thumb)).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(image.statusCode()).as(thumb).isEqualTo(200);
		assertThat(ImageIO.read(new java.io.ByteArrayInputStream(image.body())).getWidth()).isEqualTo(200);
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

	private static byte[] jpeg() throws IOException {
		BufferedImage image = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setColor(Color.ORANGE);
		g.fillRect(0, 0, 400, 300);
		g.dispose();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(image, "jpeg", out);
		return out.toByteArray();
	}

}
