package dev.storefront.user;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;

/**
 * Who a session id belongs to, for callers that authenticate outside the servlet filter chain (a
 * STOMP {@code CONNECT} carrying {@code X-Auth-Token}). Reads the same attributes a login wrote.
 */
@Component
public class SessionUsers {

	private final FindByIndexNameSessionRepository<? extends Session> sessions;

	SessionUsers(FindByIndexNameSessionRepository<? extends Session> sessions) {
		this.sessions = sessions;
	}

	/**
	 * The logged-in user of a live session; empty for an unknown, expired or anonymous session. Throws
	 * the client's exception when Redis is unreachable.
	 */
	public Optional<CurrentUser> find(String sessionId) {
		if (sessionId == null || sessionId.isBlank()) {
			return Optional.empty();
		}
		Session session = sessions.findById(sessionId);
		if (session == null || !(session.getAttribute(SessionAttributes.USER_ID) instanceof String id)) {
			return Optional.empty();
		}
		Set<String> roles = new LinkedHashSet<>(
				Arrays.asList(((String) session.getAttribute(SessionAttributes.ROLES)).split(",")));
		return Optional.of(new CurrentUser(Long.parseLong(id), session.getAttribute(SessionAttributes.EMAIL), roles));
	}

}
