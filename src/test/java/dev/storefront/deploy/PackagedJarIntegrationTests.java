package dev.storefront.deploy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.storefront.support.Api;
import dev.storefront.support.DevServices;
import dev.storefront.support.EmbeddedRedis;
import dev.storefront.support.JarProcess;
import dev.storefront.support.UserTour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The packaged jar as users run it: {@code java -jar target/storefront-*.jar} in a child process (failsafe runs
 * after {@code package}), production settings, its own Redis and database, the test SMTP server, actuator on a
 * management port. It must become ready and serve the whole {@link UserTour}; a jar that cannot start fails
 * here with its log (issue 18: Jackson 2 missing from the fat jar passed every other test).
 */
class PackagedJarIntegrationTests {

	static final String ADMIN_EMAIL = "admin@jar.test";

	static final String ADMIN_PASSWORD = "jar-admin-password";

	static EmbeddedRedis redis;

	static JarProcess app;

	static int port;

	static int managementPort;

	@BeforeAll
	static void startTheJar() {
		Optional<Path> jar = JarProcess.packagedJar();
		if (jar.isEmpty()) {
			System.err.println("SKIPPED PackagedJarIntegrationTests: no target/storefront-*.jar (run ./mvnw verify)");
		}
		assumeThat(jar).as("the packaged jar (./mvnw verify runs this after package)").isPresent();
		redis = EmbeddedRedis.start();
		DevServices.Database database = DevServices.freshDatabase("storefront_jar");
		port = EmbeddedRedis.freePort();
		managementPort = EmbeddedRedis.freePort();
		app = JarProcess.start(jar.get(), Map.ofEntries(Map.entry("SERVER_PORT", String.valueOf(port)),
				Map.entry("MANAGEMENT_SERVER_PORT", String.valueOf(managementPort)),
				Map.entry("SPRING_DATASOURCE_URL", database.url()),
				Map.entry("SPRING_DATASOURCE_USERNAME", database.username()),
				Map.entry("SPRING_DATASOURCE_PASSWORD", database.password()),
				Map.entry("SPRING_DATA_REDIS_URL", redis.url()),
				Map.entry("SPRING_MAIL_HOST", "127.0.0.1"),
				Map.entry("SPRING_MAIL_PORT", String.valueOf(DevServices.mail().getSmtp().getPort())),
				Map.entry("STOREFRONT_ADMIN_EMAIL", ADMIN_EMAIL), Map.entry("STOREFRONT_ADMIN_PASSWORD", ADMIN_PASSWORD),
				Map.entry("STOREFRONT_CATALOG_DEMO_PRODUCTS", "0"),
				Map.entry("SERVER_TOMCAT_BASEDIR", Path.of("target", "jar-run", "tomcat").toAbsolutePath().toString())),
				Path.of("target", "jar-run", "app.log"));
		app.awaitReady("http://127.0.0.1:" + managementPort + "/actuator/health/readiness", Duration.ofSeconds(240));
	}

	@AfterAll
	static void stopTheJar() {
		if (app != null) {
			app.close();
			assertThat(ProcessHandle.of(app.pid()).map(ProcessHandle::isAlive)).as("the jar's process is gone")
				.isNotEqualTo(Optional.of(true));
		}
		if (redis != null) {
			redis.close();
		}
	}

	@Test
	void theJarServesTheWholeTour() throws Exception {
		UserTour tour = new UserTour(port, new Api(port), recipient -> Arrays
			.stream(DevServices.mail().getReceivedMessages())
			.filter(message -> to(message).contains(recipient))
			.map(PackagedJarIntegrationTests::subject)
			.toList());
		try {
			tour.walk(ADMIN_EMAIL, ADMIN_PASSWORD);
		}
		catch (AssertionError | RuntimeException ex) {
			throw new AssertionError(ex.getMessage() + "\n--- app log (tail) ---\n" + tail(app.log()), ex);
		}
	}

	@Test
	void prometheusAnswersOnTheManagementPortOnly() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		HttpResponse<String> scrape = http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(scrape.statusCode()).isEqualTo(200);
		assertThat(scrape.body()).contains("jvm_memory_used_bytes", "application=\"storefront\"");
		HttpResponse<String> onApiPort = http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(onApiPort.statusCode()).as("actuator is not served on the API port").isNotEqualTo(200);
		assertThat(onApiPort.body()).doesNotContain("jvm_memory_used_bytes");
	}

	private static List<String> to(MimeMessage message) {
		try {
			return Arrays.stream(message.getAllRecipients()).map(Object::toString).toList();
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String subject(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String tail(String log) {
		return log.length() > 20_000 ? log.substring(log.length() - 20_000) : log;
	}

}
