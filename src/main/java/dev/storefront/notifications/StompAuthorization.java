package dev.storefront.notifications;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;

import dev.storefront.user.SessionUsers;

/**
 * Authentication and authorization of STOMP frames from clients:
 * <ul>
 * <li>{@code CONNECT} needs a live login session: the {@code X-Auth-Token} header, else the session
 * the WebSocket handshake came with (the {@code SESSION} cookie); otherwise it is refused;</li>
 * <li>{@code SUBSCRIBE} is allowed to {@code /user/queue/notifications} (resolved to the caller's own
 * queue) and, for administrators, {@code /topic/admin}; nothing else, so no one reads another
 * user's queue;</li>
 * <li>{@code SEND} is refused: clients only listen;</li>
 * <li>an accepted {@code CONNECT} counts the socket for its user ({@link ConnectionCaps}); a user at the cap
 * gets an ERROR frame instead.</li>
 * </ul>
 * A refusal makes the server answer with an ERROR frame and close the connection.
 */
class StompAuthorization implements ChannelInterceptor {

	static final String TOKEN_HEADER = "X-Auth-Token";

	private final SessionUsers users;

	private final WebSocketSessions sockets;

	StompAuthorization(SessionUsers users, WebSocketSessions sockets) {
		this.users = users;
		this.sockets = sockets;
	}

	@Override
	public Message<?> preSend(Message<?> message, MessageChannel channel) {
		StompHeaderAccessor stomp = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
		if (stomp == null || stomp.getCommand() == null) {
			return message;
		}
		if (stomp.getCommand() == StompCommand.CONNECT || stomp.getCommand() == StompCommand.STOMP) {
			connect(stomp, message);
		}
		else if (stomp.getCommand() == StompCommand.SUBSCRIBE) {
			subscribe(stomp, message);
		}
		else if (stomp.getCommand() == StompCommand.SEND) {
			throw new MessageDeliveryException(message, "Clients cannot send messages here");
		}
		return message;
	}

	private void connect(StompHeaderAccessor stomp, Message<?> message) {
		String token = stomp.getFirstNativeHeader(TOKEN_HEADER);
		StompPrincipal principal;
		if (token != null) {
			principal = users.find(token)
				.map(user -> new StompPrincipal(user, NotificationKeys.fingerprint(token)))
				.orElseThrow(() -> new MessageDeliveryException(message, "Invalid or expired session"));
		}
		else if (stomp.getUser() instanceof StompPrincipal fromHandshake) {
			principal = fromHandshake;
		}
		else {
			throw new MessageDeliveryException(message, "Authentication required: send X-Auth-Token or the SESSION cookie");
		}
		if (stomp.getSessionAttributes() != null
				&& stomp.getSessionAttributes().get(ConnectionCapFilter.SLOT) instanceof ConnectionCaps.Slot slot) {
			try {
				slot.user(principal.user().id());
			}
			catch (ConnectionLimitReached ex) {
				throw new MessageDeliveryException(message, ex.getMessage());
			}
		}
		stomp.setUser(principal);
		sockets.authenticated(stomp.getSessionId(), principal.fingerprint());
	}

	private static void subscribe(StompHeaderAccessor stomp, Message<?> message) {
		if (!(stomp.getUser() instanceof StompPrincipal principal)) {
			throw new MessageDeliveryException(message, "Not connected");
		}
		String destination = stomp.getDestination();
		boolean own = ("/user" + LocalDelivery.USER_QUEUE).equals(destination);
		boolean admin = LocalDelivery.ADMIN_TOPIC.equals(destination) && principal.user().isAdmin();
		if (!own && !admin) {
			throw new MessageDeliveryException(message, "Not allowed to subscribe to " + destination);
		}
	}

}
