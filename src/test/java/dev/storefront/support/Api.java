package dev.storefront.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.IntSupplier;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small HTTP client for the integration tests: real requests against the running app, with full
 * control over headers and cookies (no client-side cookie jar hides what the server sent). It keeps no
 * state between requests, so one instance serves every test: {@link IntegrationTest} classes take the
 * context's with {@code @Autowired Api api}; a test that starts an application of its own uses
 * {@code new Api(port)}.
 */
public final class Api {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final IntSupplier port;

	private final boolean validated;

	/** A client whose exchanges on {@code /api/**} are checked against the committed contract. */
	public Api(int port) {
		this(() -> port, true);
	}

	/**
	 * A client of a server whose port is asked for on every request: the shared context's web server
	 * starts, and gets its port, only after the beans (this one among them) are made.
	 */
	Api(IntSupplier port, boolean validated) {
		this.port = port;
		this.validated = validated;
	}

	/** A client that does not check its exchanges against the contract (for deliberately off-contract requests). */
	public static Api unvalidated(int port) {
		return new Api(() -> port, false);
	}

	public Call get(String path) {
		return new Call("GET", path, null);
	}

	public Call delete(String path) {
		return new Call("DELETE", path, null);
	}

	public Call post(String path, Object body) {
		return new Call("POST", path, body);
	}

	public Call put(String path, Object body) {
		return new Call("PUT", path, body);
	}

	public Call patch(String path, Object body) {
		return new Call("PATCH", path, body);
	}

	/** Registers a fresh user and logs in; returns the session token. */
	public Session newUser() {
		String email = "user-" + UUID.randomUUID() + "@example.com";
		post("/api/auth/register", Map.of("email", email, "password", "password123", "name", "Test User")).send()
			.expect(201);
		return login(email, "password123");
	}

	public Session admin() {
		return login("admin@storefront.test", "admin-password-for-tests");
	}

	public Session login(String email, String password) {
		Response response = post("/api/auth/login", Map.of("email", email, "password", password)).send().expect(200);
		return new Session(response.header("X-Auth-Token").orElseThrow(), response.json().get("id").asLong(), email,
				response);
	}

	public static String json(Object value) {
		return JSON.writeValueAsString(value);
	}

	/** A logged-in user: the token and id, and the login response (for cookies). */
	public record Session(String token, long userId, String email, Response login) {

		public String cookie(String name) {
			return login.cookie(name).orElseThrow();
		}

	}

	/** One request being built. */
	public final class Call {

		private final String method;

		private final String path;

		private final Object body;

		private final List<String> headers = new ArrayList<>();

		private Call(String method, String path, Object body) {
			this.method = method;
			this.path = path;
			this.body = body;
		}

		public Call header(String name, String value) {
			headers.add(name);
			headers.add(value);
			return this;
		}

		public Call as(Session session) {
			return header("X-Auth-Token", session.token());
		}

		public Response send() {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port.getAsInt() + path))
				.timeout(Duration.ofSeconds(30));
			String payload = body == null ? null : body instanceof String raw ? raw : json(body);
			boolean hasContentType = false;
			for (int i = 0; i < headers.size(); i += 2) {
				request.header(headers.get(i), headers.get(i + 1));
				hasContentType |= headers.get(i).equalsIgnoreCase("Content-Type");
			}
			if (payload != null && !hasContentType) {
				request.header("Content-Type", "application/json");
			}
			request.method(method, payload == null ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofString(payload));
			try {
				HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
				if (validated) {
					ContractValidator.check(method, path, headers, payload, response);
				}
				return new Response(response);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

	}

	/** A response, with its JSON parsed on demand. */
	public static final class Response {

		private final HttpResponse<String> response;

		Response(HttpResponse<String> response) {
			this.response = response;
		}

		public int status() {
			return response.statusCode();
		}

		public String body() {
			return response.body();
		}

		public JsonNode json() {
			return JSON.readTree(response.body());
		}

		public Optional<String> header(String name) {
			return response.headers().firstValue(name);
		}

		public List<String> headers(String name) {
			return response.headers().allValues(name);
		}

		/** The value of a cookie this response set, if any. */
		public Optional<String> cookie(String name) {
			return headers("Set-Cookie").stream()
				.filter(c -> c.startsWith(name + "="))
				.map(c -> c.substring(name.length() + 1, c.indexOf(';') > 0 ? c.indexOf(';') : c.length()))
				.findFirst();
		}

		public Optional<String> setCookie(String name) {
			return headers("Set-Cookie").stream().filter(c -> c.startsWith(name + "=")).findFirst();
		}

		public Response expect(int status) {
			if (status() != status) {
				throw new AssertionError("Expected HTTP " + status + " but got " + status() + ": " + body());
			}
			return this;
		}

		@Override
		public String toString() {
			return status() + " " + body();
		}

	}

}
