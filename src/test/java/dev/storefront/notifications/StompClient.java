package dev.storefront.notifications;

import java.lang.reflect.Type;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

import tools.jackson.databind.JsonNode;

/**
 * A real STOMP-over-WebSocket client (Tomcat's JSR-356 client) with the Jackson 3 converter. It queues
 * what arrives on its subscriptions, the ERROR frames the server sends, and notes when the transport
 * closes.
 */
final class StompClient implements AutoCloseable {

	final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();

	final BlockingQueue<String> errors = new LinkedBlockingQueue<>();

	final CompletableFuture<Void> closed = new CompletableFuture<>();

	private final WebSocketStompClient client;

	private final CompletableFuture<StompSession> session;

	private StompClient(int port, WebSocketHttpHeaders handshake, StompHeaders connect) {
		client = new WebSocketStompClient(new StandardWebSocketClient());
		client.setMessageConverter(new JacksonJsonMessageConverter());
		session = client.connectAsync("ws://127.0.0.1:" + port + "/ws", handshake, connect, new Handler());
	}

	/** Connects with {@code X-Auth-Token} in the STOMP CONNECT frame (or none when null). */
	static StompClient withToken(int port, String token) {
		StompHeaders connect = new StompHeaders();
		if (token != null) {
			connect.add("X-Auth-Token", token);
		}
		return new StompClient(port, new WebSocketHttpHeaders(), connect);
	}

	/** Connects with the {@code SESSION} cookie on the handshake, as a browser does. */
	static StompClient withCookie(int port, String sessionCookie) {
		WebSocketHttpHeaders handshake = new WebSocketHttpHeaders();
		handshake.add("Cookie", "SESSION=" + sessionCookie);
		return new StompClient(port, handshake, new StompHeaders());
	}

	StompSession session() throws Exception {
		return session.get(10, TimeUnit.SECONDS);
	}

	CompletableFuture<StompSession> connecting() {
		return session;
	}

	/**
	 * Subscribes. The simple broker sends no RECEIPT, so tests wait on the server's
	 * {@code SimpUserRegistry} to know the subscription is in place.
	 */
	void subscribe(String destination) throws Exception {
		session().subscribe(destination, new Frames());
	}

	@Override
	public void close() {
		session.thenAccept(s -> {
			if (s.isConnected()) {
				s.disconnect();
			}
		});
		client.stop();
	}

	private final class Frames implements StompFrameHandler {

		@Override
		public Type getPayloadType(StompHeaders headers) {
			return JsonNode.class;
		}

		@Override
		public void handleFrame(StompHeaders headers, Object payload) {
			messages.add((JsonNode) payload);
		}

	}

	private final class Handler extends StompSessionHandlerAdapter {

		@Override
		public Type getPayloadType(StompHeaders headers) {
			return String.class;
		}

		@Override
		public void handleFrame(StompHeaders headers, Object payload) {
			errors.add(headers.getFirst("message") == null ? String.valueOf(payload) : headers.getFirst("message"));
		}

		@Override
		public void handleException(StompSession session, StompCommand command, StompHeaders headers, byte[] payload,
				Throwable exception) {
			errors.add(String.valueOf(exception.getMessage()));
		}

		@Override
		public void handleTransportError(StompSession session, Throwable exception) {
			if (!session.isConnected()) {
				closed.complete(null);
			}
		}

	}

}
