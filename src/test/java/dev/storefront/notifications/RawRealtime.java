package dev.storefront.notifications;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A realtime client on a raw socket, bound to a loopback source address of the test's choosing
 * ({@code 127.0.0.x}: every such address is this machine, and each is a client address of its own for the
 * caps and the rate limits). It speaks just enough HTTP, WebSocket (masked text frames) and STOMP to
 * open connections, and can stop reading altogether: a slow or hostile client.
 */
final class RawRealtime implements AutoCloseable {

	/** The HTTP answer to the handshake: status, lower-case headers, and the body when it is not a stream. */
	record Answer(int status, Map<String, String> headers, String body) {
	}

	final Socket socket;

	final Answer answer;

	private final InputStream in;

	private final OutputStream out;

	private RawRealtime(Socket socket, Answer answer) throws IOException {
		this.socket = socket;
		this.answer = answer;
		this.in = socket.getInputStream();
		this.out = socket.getOutputStream();
	}

	/** A WebSocket handshake to {@code /ws}. */
	static RawRealtime webSocket(String source, int port) throws IOException {
		byte[] key = new byte[16];
		ThreadLocalRandom.current().nextBytes(key);
		return open(source, port, 0, "GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port
				+ "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
				+ java.util.Base64.getEncoder().encodeToString(key)
				+ "\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: v12.stomp\r\n\r\n");
	}

	/** A WebSocket handshake and an accepted STOMP CONNECT with the token; fails if it is not accepted. */
	static RawRealtime stomp(String source, int port, String token) throws IOException {
		RawRealtime socket = webSocket(source, port);
		if (socket.answer.status() != 101) {
			socket.close();
			throw new AssertionError("Handshake refused: " + socket.answer);
		}
		String reply = socket.connect(token, "0,0");
		if (!reply.startsWith("CONNECTED")) {
			socket.close();
			throw new AssertionError("CONNECT refused: " + reply);
		}
		return socket;
	}

	/** An SSE stream; {@code receiveBuffer} > 0 shrinks the socket's receive buffer (a client that stops reading). */
	static RawRealtime sse(String source, int port, String token, int receiveBuffer) throws IOException {
		return open(source, port, receiveBuffer, "GET /api/notifications/stream HTTP/1.1\r\nHost: 127.0.0.1:" + port
				+ "\r\nAccept: text/event-stream\r\nX-Auth-Token: " + token + "\r\n\r\n");
	}

	/** A plain GET (no upgrade): what the handshake rate limit counts. */
	static Answer get(String source, int port, String path) throws IOException {
		try (RawRealtime raw = open(source, port, 0,
				"GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n")) {
			return raw.answer;
		}
	}

	private static RawRealtime open(String source, int port, int receiveBuffer, String request) throws IOException {
		Socket socket = new Socket();
		if (receiveBuffer > 0) {
			socket.setReceiveBufferSize(receiveBuffer);
		}
		socket.bind(new InetSocketAddress(source, 0));
		socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
		socket.setSoTimeout(10_000);
		socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
		socket.getOutputStream().flush();
		return new RawRealtime(socket, readAnswer(socket.getInputStream()));
	}

	private static Answer readAnswer(InputStream in) throws IOException {
		String status = line(in);
		Map<String, String> headers = new LinkedHashMap<>();
		for (String header = line(in); !header.isEmpty(); header = line(in)) {
			int colon = header.indexOf(':');
			headers.put(header.substring(0, colon).strip().toLowerCase(Locale.ROOT), header.substring(colon + 1).strip());
		}
		int code = Integer.parseInt(status.split(" ")[1]);
		String body = "";
		if (headers.containsKey("content-length")) {
			body = new String(in.readNBytes(Integer.parseInt(headers.get("content-length"))), StandardCharsets.UTF_8);
		}
		else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))
				&& !String.valueOf(headers.get("content-type")).startsWith("text/event-stream")) {
			StringBuilder chunks = new StringBuilder();
			for (int size = Integer.parseInt(line(in), 16); size > 0; size = Integer.parseInt(line(in), 16)) {
				chunks.append(new String(in.readNBytes(size), StandardCharsets.UTF_8));
				line(in);
			}
			body = chunks.toString();
		}
		return new Answer(code, headers, body);
	}

	private static String line(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		for (int b = in.read(); b != '\n'; b = in.read()) {
			if (b < 0) {
				throw new EOFException("Connection closed mid-line: " + line);
			}
			if (b != '\r') {
				line.write(b);
			}
		}
		return line.toString(StandardCharsets.ISO_8859_1);
	}

	/** Sends CONNECT with the token (none when null) and returns the first frame the server answers. */
	String connect(String token, String heartbeat) throws IOException {
		send("CONNECT\naccept-version:1.2\nhost:localhost\nheart-beat:" + heartbeat + "\n"
				+ (token == null ? "" : "X-Auth-Token:" + token + "\n") + "\n\0");
		return frame(Duration.ofSeconds(10));
	}

	/** Sends one masked WebSocket text frame. */
	void send(String text) throws IOException {
		byte[] payload = text.getBytes(StandardCharsets.UTF_8);
		ByteArrayOutputStream frame = new ByteArrayOutputStream();
		frame.write(0x81);
		if (payload.length < 126) {
			frame.write(0x80 | payload.length);
		}
		else {
			frame.write(0x80 | 126);
			frame.write(payload.length >>> 8);
			frame.write(payload.length & 0xff);
		}
		byte[] mask = new byte[4];
		ThreadLocalRandom.current().nextBytes(mask);
		frame.write(mask);
		for (int i = 0; i < payload.length; i++) {
			frame.write(payload[i] ^ mask[i % 4]);
		}
		out.write(frame.toByteArray());
		out.flush();
	}

	/**
	 * The next WebSocket text frame's content, "CLOSE" for a close frame, or null when nothing came in time.
	 * @throws EOFException when the server closed the connection
	 */
	String frame(Duration timeout) throws IOException {
		socket.setSoTimeout((int) timeout.toMillis());
		try {
			int first = in.read();
			if (first < 0) {
				throw new EOFException("closed");
			}
			int second = in.read();
			long length = second & 0x7f;
			if (length == 126) {
				length = (in.read() << 8) | in.read();
			}
			else if (length == 127) {
				length = 0;
				for (int i = 0; i < 8; i++) {
					length = (length << 8) | in.read();
				}
			}
			byte[] payload = in.readNBytes((int) length);
			if ((first & 0x0f) == 0x8) {
				return "CLOSE";
			}
			return new String(payload, StandardCharsets.UTF_8);
		}
		catch (SocketTimeoutException ex) {
			return null;
		}
	}

	/** Waits until the server closes the connection (a close frame or end of stream); false on timeout. */
	boolean awaitClosedByServer(Duration timeout) throws IOException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			try {
				String frame = frame(Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
				if ("CLOSE".equals(frame)) {
					return true;
				}
			}
			catch (EOFException | java.net.SocketException ex) {
				return true;
			}
		}
		return false;
	}

	/** Reads what an SSE stream sent so far (up to {@code max} bytes), waiting at most {@code timeout}. */
	String readSome(int max, Duration timeout) throws IOException {
		socket.setSoTimeout((int) timeout.toMillis());
		byte[] buffer = new byte[max];
		try {
			int n = in.read(buffer);
			return n < 0 ? null : new String(buffer, 0, n, StandardCharsets.UTF_8);
		}
		catch (SocketTimeoutException ex) {
			return "";
		}
	}

	@Override
	public void close() {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// Closing is all that is left to do.
		}
	}

}
