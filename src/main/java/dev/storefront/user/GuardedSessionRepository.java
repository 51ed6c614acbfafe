package dev.storefront.user;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.data.redis.RedisIndexedSessionRepository;
import org.springframework.session.data.redis.RedisIndexedSessionRepository.RedisSession;

/**
 * Spring Session's indexed Redis repository behind the session-store breaker, with fewer writes: a
 * request only moves the stored last-access time (HSET plus the expiry bookkeeping on three keys) once
 * it is {@code touchThreshold} old. A signed-in request whose session was touched recently costs one
 * HGETALL. Listing, revoking and logout are unchanged (they delegate).
 * <p>
 * Within one request ({@link #beginRequest}) a session is read once: Spring Session commits twice when
 * the response is committed before the filter chain returns (a product read flushes its body), and the
 * second commit looks the requested session up again (spring-session#1731). That lookup gets the session
 * this request already read.
 */
class GuardedSessionRepository implements FindByIndexNameSessionRepository<GuardedSessionRepository.ThrottledSession> {

	private final RedisIndexedSessionRepository delegate;

	private final SessionStoreBreaker breaker;

	private final Duration touchThreshold;

	/** The sessions read by the current request on this thread; absent outside {@link #beginRequest}. */
	private final ThreadLocal<Map<String, ThrottledSession>> readInRequest = new ThreadLocal<>();

	GuardedSessionRepository(RedisIndexedSessionRepository delegate, SessionStoreBreaker breaker,
			Duration touchThreshold) {
		this.delegate = delegate;
		this.breaker = breaker;
		this.touchThreshold = touchThreshold;
	}

	@Override
	public ThrottledSession createSession() {
		return new ThrottledSession(delegate.createSession(), touchThreshold);
	}

	@Override
	public void save(ThrottledSession session) {
		breaker.run(() -> delegate.save(session.delegate));
	}

	@Override
	public ThrottledSession findById(String id) {
		Map<String, ThrottledSession> read = readInRequest.get();
		ThrottledSession known = read == null ? null : read.get(id);
		// Only while it still has that id: after a login changed it, the old id is looked up for real.
		if (known != null && known.getId().equals(id)) {
			return known;
		}
		RedisSession found = breaker.call(() -> delegate.findById(id));
		ThrottledSession session = found == null ? null : new ThrottledSession(found, touchThreshold);
		if (read != null && session != null) {
			read.put(id, session);
		}
		return session;
	}

	@Override
	public void deleteById(String id) {
		Map<String, ThrottledSession> read = readInRequest.get();
		if (read != null) {
			read.remove(id);
		}
		breaker.run(() -> delegate.deleteById(id));
	}

	/**
	 * Starts a request on this thread: until the returned scope is closed, each session it reads is read
	 * from Redis once.
	 */
	RequestScope beginRequest() {
		Map<String, ThrottledSession> outer = readInRequest.get();
		readInRequest.set(new HashMap<>(2));
		return () -> {
			if (outer == null) {
				readInRequest.remove();
			}
			else {
				readInRequest.set(outer);
			}
		};
	}

	/** One request's reads; closing it forgets them. */
	interface RequestScope extends AutoCloseable {

		@Override
		void close();

	}

	@Override
	public Map<String, ThrottledSession> findByIndexNameAndIndexValue(String indexName, String indexValue) {
		Map<String, RedisSession> found = breaker.call(() -> delegate.findByIndexNameAndIndexValue(indexName, indexValue));
		Map<String, ThrottledSession> sessions = new LinkedHashMap<>();
		found.forEach((id, session) -> sessions.put(id, new ThrottledSession(session, touchThreshold)));
		return sessions;
	}

	/**
	 * A Redis session whose last-access time only moves in steps of at least the threshold, so most
	 * requests leave nothing to save.
	 */
	static final class ThrottledSession implements Session {

		private final RedisSession delegate;

		private final Duration threshold;

		ThrottledSession(RedisSession delegate, Duration threshold) {
			this.delegate = delegate;
			this.threshold = threshold;
		}

		@Override
		public void setLastAccessedTime(Instant lastAccessedTime) {
			if (Duration.between(delegate.getLastAccessedTime(), lastAccessedTime).compareTo(threshold) >= 0) {
				delegate.setLastAccessedTime(lastAccessedTime);
			}
		}

		@Override
		public Instant getLastAccessedTime() {
			return delegate.getLastAccessedTime();
		}

		@Override
		public String getId() {
			return delegate.getId();
		}

		@Override
		public String changeSessionId() {
			return delegate.changeSessionId();
		}

		@Override
		public <T> T getAttribute(String attributeName) {
			return delegate.getAttribute(attributeName);
		}

		@Override
		public Set<String> getAttributeNames() {
			return delegate.getAttributeNames();
		}

		@Override
		public void setAttribute(String attributeName, Object attributeValue) {
			delegate.setAttribute(attributeName, attributeValue);
		}

		@Override
		public void removeAttribute(String attributeName) {
			delegate.removeAttribute(attributeName);
		}

		@Override
		public Instant getCreationTime() {
			return delegate.getCreationTime();
		}

		@Override
		public void setMaxInactiveInterval(Duration interval) {
			delegate.setMaxInactiveInterval(interval);
		}

		@Override
		public Duration getMaxInactiveInterval() {
			return delegate.getMaxInactiveInterval();
		}

		@Override
		public boolean isExpired() {
			return delegate.isExpired();
		}

	}

}
