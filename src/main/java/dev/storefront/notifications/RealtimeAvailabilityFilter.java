package dev.storefront.notifications;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.storefront.web.ProblemWriter;
import dev.storefront.web.Problems;

/**
 * Opening a realtime connection ({@code /ws}, {@code /api/notifications/stream}) while Redis is
 * unreachable gets a quick 503 with {@code Retry-After}: without Redis there is no session check, no
 * replay and no fan-out, and a socket that opened anyway would stay silent. One PING per opening; a
 * disconnected client rejects it at once, a hung server times out after {@code spring.data.redis.timeout}.
 */
class RealtimeAvailabilityFilter extends OncePerRequestFilter {

	private final NotificationStore store;

	private final ProblemWriter problems;

	private final NotificationProperties properties;

	RealtimeAvailabilityFilter(NotificationStore store, ProblemWriter problems, NotificationProperties properties) {
		this.store = store;
		this.problems = problems;
		this.properties = properties;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (store.available()) {
			chain.doFilter(request, response);
			return;
		}
		response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(properties.retryAfter().toSeconds()));
		problems.write(request, response, Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "realtime-unavailable",
				"Realtime notifications are unavailable; retry shortly"));
	}

}
