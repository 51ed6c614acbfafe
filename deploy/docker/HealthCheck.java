import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The container healthcheck of the JRE-only app image (no curl in it): exits 0 when the URL (the readiness
 * probe on the management port) answers 200, else 1. Compiled in the build stage of the Dockerfile.
 */
public final class HealthCheck {

	private HealthCheck() {
	}

	public static void main(String[] args) {
		System.exit(check(args.length > 0 ? args[0] : "http://127.0.0.1:8081/actuator/health/readiness"));
	}

	/** @return 0 when the URL answers 200 within 4 s (the HEALTHCHECK timeout is 5 s), 1 otherwise */
	public static int check(String url) {
		try {
			HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
			HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(4)).build();
			return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200 ? 0 : 1;
		}
		catch (Exception ex) {
			return 1;
		}
	}

}
