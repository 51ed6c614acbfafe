package dev.storefront.notifications;

import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
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
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocketMessageBroker
class WebSocketConfiguration implements WebSocketMessageBrokerConfigurer {

	private final SessionUsers users;

	private final WebSocketSessions sockets;

	WebSocketConfiguration(SessionUsers users, WebSocketSessions sockets) {
		this.users = users;
		this.sockets = sockets;
	}

	@Override
	public void registerStompEndpoints(StompEndpointRegistry registry) {
		SessionHandshake handshake = new SessionHandshake();
		registry.addEndpoint("/ws").setHandshakeHandler(handshake).addInterceptors(handshake);
	}

	@Override
	public void configureMessageBroker(MessageBrokerRegistry registry) {
		registry.enableSimpleBroker("/topic", "/queue");
		registry.setUserDestinationPrefix("/user");
	}

	@Override
	public void configureClientInboundChannel(ChannelRegistration registration) {
		registration.interceptors(new StompAuthorization(users, sockets));
	}

	@Override
	public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
		registration.addDecoratorFactory(this::tracked);
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
				sockets.closed(session);
				super.afterConnectionClosed(session, status);
			}

		};
	}

}
