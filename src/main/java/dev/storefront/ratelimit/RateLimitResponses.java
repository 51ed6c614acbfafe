package dev.storefront.ratelimit;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import tools.jackson.databind.json.JsonMapper;

import dev.storefront.web.Problems;

/**
 * Rate limit headers and the 429/503 problem responses.
 * <ul>
 * <li>{@code X-RateLimit-Limit}, {@code -Remaining}, {@code -Reset} (epoch seconds) describe the most
 * restrictive policy that applied;</li>
 * <li>{@code RateLimit-Policy} and {@code RateLimit} follow the IETF httpapi draft (structured fields:
 * {@code "name";q=quota;w=window} and {@code "name";r=remaining;t=seconds-to-reset}) and list every policy
 * that applied.</li>
 * </ul>
 */
final class RateLimitResponses {

	private final JsonMapper json;

	RateLimitResponses(JsonMapper json) {
		this.json = json;
	}

	void headers(HttpServletResponse response, Map<String, Decision> decisions) {
		if (decisions.isEmpty()) {
			return;
		}
		Map.Entry<String, Decision> tightest = null;
		List<String> policies = new ArrayList<>();
		List<String> states = new ArrayList<>();
		for (Map.Entry<String, Decision> entry : decisions.entrySet()) {
			Decision decision = entry.getValue();
			if (tightest == null || decision.remaining() < tightest.getValue().remaining()) {
				tightest = entry;
			}
			List<Decision.Quota> quotas = decision.quotas();
			for (int i = 0; i < quotas.size(); i++) {
				String name = i == 0 ? entry.getKey() : entry.getKey() + "-" + (i + 1);
				policies.add(quoted(name) + ";q=" + quotas.get(i).limit() + ";w=" + quotas.get(i).windowSeconds());
			}
			states.add(quoted(entry.getKey()) + ";r=" + Math.max(0, decision.remaining()) + ";t="
					+ secondsUntil(decision.resetAtMillis(), decision.nowMillis()));
		}
		Decision decision = tightest.getValue();
		response.setHeader("X-RateLimit-Limit", String.valueOf(decision.limit()));
		response.setHeader("X-RateLimit-Remaining", String.valueOf(Math.max(0, decision.remaining())));
		response.setHeader("X-RateLimit-Reset", String.valueOf(ceilSeconds(decision.resetAtMillis())));
		response.setHeader("RateLimit-Policy", String.join(", ", policies));
		response.setHeader("RateLimit", String.join(", ", states));
	}

	void tooManyRequests(HttpServletRequest request, HttpServletResponse response, String policy, Decision decision)
			throws IOException {
		long retryAfter = ceilSeconds(decision.retryAfterMillis());
		ProblemDetail problem = Problems.of(HttpStatus.TOO_MANY_REQUESTS, "rate-limited",
				"Rate limit '" + policy + "' exceeded; retry after " + retryAfter + " s");
		problem.setProperty("policy", policy);
		problem.setProperty("retryAfter", retryAfter);
		response.setHeader("Retry-After", String.valueOf(Math.max(1, retryAfter)));
		write(request, response, problem);
	}

	void unavailable(HttpServletRequest request, HttpServletResponse response, String policy, long retryAfterMillis)
			throws IOException {
		long retryAfter = Math.max(1, ceilSeconds(retryAfterMillis));
		ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "rate-limit-unavailable",
				"Rate limit '" + policy + "' cannot be checked right now; retry after " + retryAfter + " s");
		problem.setProperty("policy", policy);
		response.setHeader("Retry-After", String.valueOf(retryAfter));
		write(request, response, problem);
	}

	void bodyTooLarge(HttpServletRequest request, HttpServletResponse response, long limit) throws IOException {
		write(request, response,
				Problems.of(HttpStatus.CONTENT_TOO_LARGE, "Request body exceeds " + limit + " bytes for this endpoint"));
	}

	private void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
			throws IOException {
		problem.setInstance(URI.create(request.getRequestURI()));
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		json.writeValue(response.getOutputStream(), problem);
	}

	private static String quoted(String name) {
		return '"' + name.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
	}

	private static long secondsUntil(long epochMillis, long nowMillis) {
		return ceilSeconds(Math.max(0, epochMillis - nowMillis));
	}

	private static long ceilSeconds(long millis) {
		return Math.floorDiv(millis + 999, 1000);
	}

}
