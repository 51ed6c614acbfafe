package dev.storefront.notifications;

import java.io.IOException;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.storefront.ratelimit.ClientAddresses;
import dev.storefront.user.CurrentUser;
import dev.storefront.web.ProblemWriter;
import dev.storefront.web.Problems;

/**
 * Takes a {@link ConnectionCaps.Slot} for every realtime handshake ({@code /ws}, the SSE stream) before the
 * upgrade, and answers {@code 429 too-many-connections} when the client address (or the signed-in user)
 * is at its cap. It runs after Spring Security, so a signed-in handshake is counted for its user at once.
 * <p>
 * Who releases the slot: an SSE stream (an async request) on its {@link AsyncListener#onComplete}, which
 * the container calls after every end (completion, timeout, error, client gone); a WebSocket (status 101)
 * in {@code afterConnectionClosed}; anything else (a refused or failed handshake) here, at once.
 */
class ConnectionCapFilter extends OncePerRequestFilter {

	static final String SLOT = ConnectionCapFilter.class.getName() + ".slot";

	private final ConnectionCaps caps;

	private final ClientAddresses addresses;

	private final ProblemWriter problems;

	private final ConnectionProperties properties;

	private final NotificationMetrics metrics;

	ConnectionCapFilter(ConnectionCaps caps, ClientAddresses addresses, ProblemWriter problems,
			ConnectionProperties properties, NotificationMetrics metrics) {
		this.caps = caps;
		this.addresses = addresses;
		this.problems = problems;
		this.properties = properties;
		this.metrics = metrics;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		ConnectionCaps.Slot slot;
		try {
			slot = caps.open(addresses.of(request), signedInUser());
		}
		catch (ConnectionLimitReached ex) {
			metrics.refused(ex.scope().slug());
			refuse(request, response, ex);
			return;
		}
		request.setAttribute(SLOT, slot);
		boolean handedOver = false;
		try {
			chain.doFilter(request, response);
			if (request.isAsyncStarted()) {
				request.getAsyncContext().addListener(new Release(slot));
				handedOver = true;
			}
			else {
				handedOver = response.getStatus() == HttpStatus.SWITCHING_PROTOCOLS.value();
			}
		}
		finally {
			if (!handedOver) {
				slot.release();
			}
		}
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response, ConnectionLimitReached ex)
			throws IOException {
		ProblemDetail problem = Problems.of(HttpStatus.TOO_MANY_REQUESTS, "too-many-connections", ex.getMessage());
		problem.setProperty("scope", ex.scope().slug());
		problem.setProperty("limit", ex.limit());
		response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(properties.retryAfter().toSeconds()));
		problems.write(request, response, problem);
	}

	private static Long signedInUser() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication != null && authentication.getPrincipal() instanceof CurrentUser user ? user.id() : null;
	}

	private record Release(ConnectionCaps.Slot slot) implements AsyncListener {

		@Override
		public void onComplete(AsyncEvent event) {
			slot.release();
		}

		@Override
		public void onTimeout(AsyncEvent event) {
		}

		@Override
		public void onError(AsyncEvent event) {
		}

		@Override
		public void onStartAsync(AsyncEvent event) {
			// Re-register: a new async cycle drops the listeners of the previous one.
			event.getAsyncContext().addListener(this);
		}

	}

}
