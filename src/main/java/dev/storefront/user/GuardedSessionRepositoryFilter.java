package dev.storefront.user;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.session.web.http.SessionRepositoryFilter;

import dev.storefront.user.GuardedSessionRepository.ThrottledSession;

/**
 * Spring Session's request filter on the {@link GuardedSessionRepository}, with each request's session
 * reads scoped to the request, so that its second commit does not read the session again.
 */
final class GuardedSessionRepositoryFilter extends SessionRepositoryFilter<ThrottledSession> {

	private final GuardedSessionRepository sessions;

	GuardedSessionRepositoryFilter(GuardedSessionRepository sessions) {
		super(sessions);
		this.sessions = sessions;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try (var scope = sessions.beginRequest()) {
			super.doFilterInternal(request, response, chain);
		}
	}

}
