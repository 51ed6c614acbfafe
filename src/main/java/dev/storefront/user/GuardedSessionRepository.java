package dev.storefront.user;

import java.time.Duration;
import java.time.Instant;
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
 */
class GuardedSessionRepository implements FindByIndexNameSessionRepository<GuardedSessionRepository.ThrottledSession> {

	private final RedisIndexedSessionRepository delegate;

	private final SessionStoreBreaker breaker;

	private final Duration touchThreshold;

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
		RedisSession found = breaker.call(() -> delegate.findById(id));
		return found == null ? null : new ThrottledSession(found, touchThreshold);
	}

	@Override
	public void deleteById(String id) {
		breaker.run(() -> delegate.deleteById(id));
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
