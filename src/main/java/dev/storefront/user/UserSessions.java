package dev.storefront.user;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Service;

/**
 * A user's sessions: binds a login to a fresh session and lists or revokes the user's others. The
 * principal index of Spring Session's indexed repository holds the user id.
 */
@Service
class UserSessions {

	private final FindByIndexNameSessionRepository<? extends Session> sessions;

	private final StringRedisTemplate redis;

	private final SessionKeys keys;

	private final ApplicationEventPublisher events;

	UserSessions(FindByIndexNameSessionRepository<? extends Session> sessions, StringRedisTemplate redis,
			SessionKeys keys, ApplicationEventPublisher events) {
		this.sessions = sessions;
		this.redis = redis;
		this.keys = keys;
		this.events = events;
	}

	/**
	 * Ends the request's session, if any. The indexed repository only marks a deleted session as
	 * expired and keeps its hash for five minutes (so expiry events can carry it); a logout must leave
	 * nothing behind, so the hash goes too.
	 */
	void end(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session != null) {
			String id = session.getId();
			Object userId = session.getAttribute(SessionAttributes.USER_ID);
			session.invalidate();
			redis.delete(keys.session(id));
			if (userId instanceof String owner) {
				events.publishEvent(new SessionRevoked(id, Long.parseLong(owner)));
			}
		}
	}

	private void delete(String sessionId, long userId) {
		sessions.deleteById(sessionId);
		redis.delete(keys.session(sessionId));
		events.publishEvent(new SessionRevoked(sessionId, userId));
	}

	/**
	 * Starts a new session for {@code user}, discarding any session the request came with, so that a
	 * login always issues a new id (no session fixation).
	 */
	HttpSession bind(HttpServletRequest request, UserEntity user) {
		end(request);
		HttpSession session = request.getSession(true);
		session.setAttribute(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME, principal(user.getId()));
		session.setAttribute(SessionAttributes.USER_ID, String.valueOf(user.getId()));
		session.setAttribute(SessionAttributes.EMAIL, user.getEmail());
		session.setAttribute(SessionAttributes.ROLES, String.join(",", user.getRoles()));
		session.setAttribute(SessionAttributes.HANDLE, UUID.randomUUID().toString());
		session.setAttribute(SessionAttributes.USER_AGENT, truncate(request.getHeader("User-Agent")));
		session.setAttribute(SessionAttributes.IP, request.getRemoteAddr());
		return session;
	}

	List<SessionInfo> list(long userId, String currentSessionId) {
		return sessionsOf(userId).entrySet().stream()
			.map(e -> info(e.getValue(), e.getKey().equals(currentSessionId)))
			.sorted(Comparator.comparing(SessionInfo::lastAccessedAt).reversed())
			.toList();
	}

	void revoke(long userId, String handle) {
		String id = sessionsOf(userId).entrySet().stream()
			.filter(e -> handle.equals(e.getValue().getAttribute(SessionAttributes.HANDLE)))
			.map(Map.Entry::getKey)
			.findFirst()
			.orElseThrow(SessionNotFound::new);
		delete(id, userId);
	}

	int revokeOthers(long userId, String currentSessionId) {
		List<String> others = sessionsOf(userId).keySet().stream().filter(id -> !id.equals(currentSessionId)).toList();
		others.forEach(id -> delete(id, userId));
		return others.size();
	}

	/** Ends every session of a user (an administrator's action); returns how many there were. */
	int revokeAll(long userId) {
		List<String> all = List.copyOf(sessionsOf(userId).keySet());
		all.forEach(id -> delete(id, userId));
		return all.size();
	}

	private Map<String, ? extends Session> sessionsOf(long userId) {
		return sessions.findByPrincipalName(principal(userId));
	}

	private static SessionInfo info(Session session, boolean current) {
		return new SessionInfo(session.getAttribute(SessionAttributes.HANDLE), session.getCreationTime(),
				session.getLastAccessedTime(), current, session.getAttribute(SessionAttributes.USER_AGENT),
				session.getAttribute(SessionAttributes.IP));
	}

	private static String principal(long userId) {
		return String.valueOf(userId);
	}

	private static String truncate(String userAgent) {
		return userAgent == null ? "" : userAgent.length() > 200 ? userAgent.substring(0, 200) : userAgent;
	}

	/**
	 * One live session as its owner sees it; {@code handle} stands in for the session id.
	 */
	record SessionInfo(String handle, Instant createdAt, Instant lastAccessedAt, boolean current, String userAgent,
			String ip) {
	}

}
