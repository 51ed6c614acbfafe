package dev.storefront.notifications;

import java.security.Principal;
import java.util.Map;

import jakarta.servlet.http.HttpSession;

import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.security.core.Authentication;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

import dev.storefront.user.CurrentUser;

/**
 * Carries the login of the handshake request (the {@code SESSION} cookie, or {@code X-Auth-Token} for
 * clients that can set headers) into the WebSocket session as a {@link StompPrincipal}; an
 * anonymous handshake is accepted, and its {@code CONNECT} then needs {@code X-Auth-Token}.
 */
class SessionHandshake extends DefaultHandshakeHandler implements HandshakeInterceptor {

	private static final String PRINCIPAL = SessionHandshake.class.getName() + ".principal";

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			Map<String, Object> attributes) {
		if (request instanceof ServletServerHttpRequest servlet
				&& servlet.getServletRequest().getAttribute(ConnectionCapFilter.SLOT) instanceof ConnectionCaps.Slot slot) {
			// The socket's cap slot: released when the socket closes (WebSocketConfiguration).
			attributes.put(ConnectionCapFilter.SLOT, slot);
		}
		if (request instanceof ServletServerHttpRequest servlet
				&& servlet.getServletRequest().getUserPrincipal() instanceof Authentication authentication
				&& authentication.getPrincipal() instanceof CurrentUser user) {
			HttpSession session = servlet.getServletRequest().getSession(false);
			if (session != null) {
				attributes.put(PRINCIPAL, new StompPrincipal(user, NotificationKeys.fingerprint(session.getId())));
			}
		}
		return true;
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			Exception exception) {
	}

	@Override
	protected Principal determineUser(ServerHttpRequest request, WebSocketHandler handler,
			Map<String, Object> attributes) {
		return (Principal) attributes.get(PRINCIPAL);
	}

}
