import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Issue 19 measurement (bench/README.md): from one client address, opens realtime connections until the
 * server refuses, and holds them. Run with the JDK's source launcher, no build:
 * {@code java bench/ConnectionHold.java PORT SOURCE-ADDRESS MODE ATTEMPTS HOLD-SECONDS}. MODE {@code stomp}:
 * signed-in sockets that complete CONNECT (10 users are registered, 10 sockets each, heart-beat 0,0) and
 * then sit idle; {@code raw}: anonymous sockets that never send anything. Prints how many were accepted,
 * the statuses of the refusals, and after the hold how many the server had closed.
 */
public class ConnectionHold {

	public static void main(String[] args) throws Exception {
		int port = Integer.parseInt(args[0]);
		String source = args[1];
		String mode = args[2];
		int attempts = Integer.parseInt(args[3]);
		int hold = Integer.parseInt(args[4]);
		List<String> tokens = new ArrayList<>();
		if (mode.equals("stomp")) {
			for (int i = 0; i < (attempts + 9) / 10; i++) {
				tokens.add(register(port));
			}
		}
		List<Socket> open = new ArrayList<>();
		Map<String, Integer> refused = new TreeMap<>();
		long started = System.nanoTime();
		for (int i = 0; i < attempts; i++) {
			Socket socket = new Socket();
			socket.bind(new InetSocketAddress(source, 0));
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port
					+ "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
					+ "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: v12.stomp\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
			String status = headers(socket.getInputStream());
			if (!status.contains(" 101 ")) {
				refused.merge(status, 1, Integer::sum);
				socket.close();
				continue;
			}
			if (mode.equals("stomp")) {
				send(socket, "CONNECT\naccept-version:1.2\nhost:localhost\nheart-beat:0,0\nX-Auth-Token:"
						+ tokens.get(open.size() / 10 % tokens.size()) + "\n\n\0");
				String reply = frame(socket.getInputStream());
				if (!reply.startsWith("CONNECTED")) {
					refused.merge("STOMP " + reply.lines().findFirst().orElse(""), 1, Integer::sum);
					socket.close();
					continue;
				}
			}
			open.add(socket);
		}
		System.out.printf("mode=%s source=%s attempts=%d accepted=%d in %d ms; refused=%s%n", mode, source, attempts,
				open.size(), (System.nanoTime() - started) / 1_000_000, refused);
		Thread.sleep(hold * 1000L);
		int closed = 0;
		for (Socket socket : open) {
			// These sockets get nothing from the server unless it closes them (a close frame, or end of stream).
			socket.setSoTimeout(1);
			try {
				socket.getInputStream().read();
				closed++;
			}
			catch (java.net.SocketTimeoutException ex) {
				// Still open and silent.
			}
			catch (IOException ex) {
				closed++;
			}
		}
		System.out.printf("after %d s: %d of %d closed by the server%n", hold, closed, open.size());
		for (Socket socket : open) {
			socket.close();
		}
	}

	private static String register(int port) throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		String email = "hold-" + UUID.randomUUID() + "@example.com";
		String body = "{\"email\":\"" + email + "\",\"password\":\"secret123\",\"name\":\"Hold\"}";
		http.send(post(port, "/api/auth/register", body), HttpResponse.BodyHandlers.discarding());
		HttpResponse<Void> login = http.send(post(port, "/api/auth/login",
				"{\"email\":\"" + email + "\",\"password\":\"secret123\"}"), HttpResponse.BodyHandlers.discarding());
		return login.headers().firstValue("X-Auth-Token").orElseThrow(() -> new IllegalStateException("login " + login));
	}

	private static HttpRequest post(int port, String path, String json) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build();
	}

	private static String headers(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int matched = 0;
		while (matched < 4) {
			int b = in.read();
			if (b < 0) {
				break;
			}
			head.write(b);
			matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
		}
		String text = head.toString(StandardCharsets.ISO_8859_1);
		return text.lines().findFirst().orElse("");
	}

	private static void send(Socket socket, String text) throws IOException {
		byte[] payload = text.getBytes(StandardCharsets.UTF_8);
		ByteArrayOutputStream frame = new ByteArrayOutputStream();
		frame.write(0x81);
		frame.write(0x80 | 126);
		frame.write(payload.length >>> 8);
		frame.write(payload.length & 0xff);
		byte[] mask = { 1, 2, 3, 4 };
		frame.write(mask);
		for (int i = 0; i < payload.length; i++) {
			frame.write(payload[i] ^ mask[i % 4]);
		}
		socket.getOutputStream().write(frame.toByteArray());
	}

	private static String frame(InputStream in) throws IOException {
		in.read();
		int length = in.read() & 0x7f;
		if (length == 126) {
			length = (in.read() << 8) | in.read();
		}
		return new String(in.readNBytes(length), StandardCharsets.UTF_8);
	}

}
