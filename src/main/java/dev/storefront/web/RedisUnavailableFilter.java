package dev.storefront.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Wraps the session filter: when a store failure escapes it (typically saving a new session at login
 * while Redis is down), the request gets 503 with {@code Retry-After} instead of a 500. Reading a
 * session that cannot be read is handled further in: the request is served as anonymous
 * ({@code user/SessionDegradation}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RedisUnavailableFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(RedisUnavailableFilter.class);

	private final ProblemWriter problems;

	RedisUnavailableFilter(ProblemWriter problems) {
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (RuntimeException | ServletException ex) {
			if (!StoreFailures.isUnavailable(ex) || response.isCommitted()) {
				throw ex;
			}
			log.warn("Session store unavailable for {} {}: {}", request.getMethod(), request.getRequestURI(),
					NestedExceptionUtils.getMostSpecificCause(ex).getMessage());
			response.resetBuffer();
			response.setHeader(HttpHeaders.RETRY_AFTER, "5");
			problems.write(request, response, Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "store-unavailable",
					"A backing store is unavailable; retry shortly"));
		}
	}

}
