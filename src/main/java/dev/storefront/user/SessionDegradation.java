package dev.storefront.user;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.core.annotation.Order;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.storefront.web.StoreFailures;

/**
 * Serves a request that carries a session as anonymous when the session store cannot be reached, instead
 * of failing it: it runs right after Spring Session's filter, resolves the session once (through the
 * breaker, so an open breaker costs nothing), and on a store failure hides the session from the rest of
 * the chain and marks the response {@code Storefront-Degraded: session}. Endpoints that permit anonymous
 * access answer normally; the others get 503 from the security entry point. The session itself is not
 * touched, so it is still valid when the store is back.
 */
@Component
@Order(SessionRepositoryFilter.DEFAULT_ORDER + 1)
class SessionDegradation extends OncePerRequestFilter {

	static final String HEADER = "Storefront-Degraded";

	private static final String DEGRADED = SessionDegradation.class.getName() + ".degraded";

	private final SessionStoreBreaker breaker;

	SessionDegradation(SessionStoreBreaker breaker) {
		this.breaker = breaker;
	}

	/** Whether this request lost its session to a session-store outage. */
	static boolean isDegraded(HttpServletRequest request) {
		return request.getAttribute(DEGRADED) != null;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!carriesSession(request)) {
			chain.doFilter(request, response);
			return;
		}
		try {
			// Loads (and caches for the rest of the request) the session: the only read a request needs.
			request.getSession(false);
		}
		catch (RuntimeException ex) {
			if (!StoreFailures.isUnavailable(ex)) {
				throw ex;
			}
			breaker.servedDegraded();
			request.setAttribute(DEGRADED, Boolean.TRUE);
			response.setHeader(HEADER, "session");
			chain.doFilter(new WithoutSession(request), response);
			return;
		}
		chain.doFilter(request, response);
	}

	private static boolean carriesSession(HttpServletRequest request) {
		if (TokenOrCookieSessionIdResolver.usesToken(request)) {
			return true;
		}
		if (request.getCookies() != null) {
			for (var cookie : request.getCookies()) {
				if ("SESSION".equals(cookie.getName())) {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * The request as if it came without a session id. A login still tries to create a session (and gets
	 * a 503 when that fails).
	 */
	private static final class WithoutSession extends HttpServletRequestWrapper {

		WithoutSession(HttpServletRequest request) {
			super(request);
		}

		@Override
		public HttpSession getSession(boolean create) {
			return create ? super.getSession(true) : null;
		}

		@Override
		public HttpSession getSession() {
			return getSession(true);
		}

		@Override
		public String getRequestedSessionId() {
			return null;
		}

		@Override
		public boolean isRequestedSessionIdValid() {
			return false;
		}

	}

}
