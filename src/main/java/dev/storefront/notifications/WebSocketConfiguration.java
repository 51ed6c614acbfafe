package dev.storefront.notifications;

import java.util.Map;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;

import dev.storefront.user.SessionUsers;

/**
 * STOMP over WebSocket at {@code /ws}: the simple in-memory broker of each instance (no broker relay;
 * instances share notifications through Redis pub/sub), user destinations under {@code /user}, and
 * the session-based authorization of {@link StompAuthorization}. Same-origin handshakes only (the
 * default), and the session cookie is {@code SameSite=Strict}.
 * <p>
 * Connection limits ({@link ConnectionProperties}): the broker offers heart-beats both ways, so a dead
 * client that negotiated them is closed; a socket must complete {@code CONNECT} within the connect timeout
 * ({@link WebSocketSessions}); each session's outbound buffer and send time are bounded (Spring's
 * {@code ConcurrentWebSocketSessionDecorator}: a client over either limit is closed, others are not held up).
 * The connection's cap slot, taken by {@link ConnectionCapFilter} before the upgrade, moves into the
 * WebSocket session here and is released when the session closes, however it closes.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocketMessageBroker
class WebSocketConfiguration implements WebSocketMessageBrokerConfigurer {

	private final SessionUsers users;

	private final WebSocketSessions sockets;

	private final ConnectionProperties limits;

	private final TaskScheduler scheduler;

	WebSocketConfiguration(SessionUsers users, WebSocketSessions sockets, ConnectionProperties limits,
			@Lazy TaskScheduler messageBrokerTaskScheduler) {
		this.users = users;
		this.sockets = sockets;
		this.limits = limits;
		this.scheduler = messageBrokerTaskScheduler;
	}

	@Override
	public void registerStompEndpoints(StompEndpointRegistry registry) {
		SessionHandshake handshake = new SessionHandshake();
		registry.addEndpoint("/ws").setHandshakeHandler(handshake).addInterceptors(handshake);
	}

	@Override
	public void configureMessageBroker(MessageBrokerRegistry registry) {
		long heartbeat = limits.heartbeat().toMillis();
		registry.enableSimpleBroker("/topic", "/queue")
			.setHeartbeatValue(new long[] { heartbeat, heartbeat })
			.setTaskScheduler(scheduler);
		registry.setUserDestinationPrefix("/user");
	}

	@Override
	public void configureClientInboundChannel(ChannelRegistration registration) {
		registration.interceptors(new StompAuthorization(users, sockets));
	}

	@Override
	public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
		registration.setTimeToFirstMessage((int) limits.connectTimeout().toMillis())
			.setSendTimeLimit((int) limits.sendTimeLimit().toMillis())
			.setSendBufferSizeLimit((int) limits.sendBufferSize().toBytes())
			.addDecoratorFactory(this::tracked);
	}

	private WebSocketHandler tracked(WebSocketHandler handler) {
		return new WebSocketHandlerDecorator(handler) {

			@Override
			public void afterConnectionEstablished(WebSocketSession session) throws Exception {
				sockets.opened(session);
				super.afterConnectionEstablished(session);
			}

			@Override
			public void afterConnectionClosed(WebSocketSession session, CloseStatus status) throws Exception {
				try {
					sockets.closed(session);
					super.afterConnectionClosed(session, status);
				}
				finally {
					release(session.getAttributes());
				}
			}

		};
	}

	private static void release(Map<String, Object> attributes) {
		if (attributes.get(ConnectionCapFilter.SLOT) instanceof ConnectionCaps.Slot slot) {
			slot.release();
		}
	}

}
