package dev.storefront.ratelimit;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.server.PathContainer;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;

import tools.jackson.databind.json.JsonMapper;

import dev.storefront.ratelimit.RateLimitProperties.FailureMode;

/**
 * Applies every policy that matches a request, in configuration order, and stops at the first refusal.
 * It runs after Spring Security's filter chain, so the caller's identity is known; exempt paths
 * (actuator) are never limited.
 */
final class RateLimitFilter extends OncePerRequestFilter {

	private final List<CompiledPolicy> policies;

	private final List<PathPattern> exempt;

	private final ClientIp clientIp;

	private final JsonMapper json;

	private final long maxKeyBody;

	private final RateLimitMetrics metrics;

	private final FailureLog failures;

	private final RateLimitResponses responses;

	RateLimitFilter(List<CompiledPolicy> policies, List<PathPattern> exempt, ClientIp clientIp, JsonMapper json,
			long maxKeyBody, RateLimitMetrics metrics, FailureLog failures) {
		this.policies = List.copyOf(policies);
		this.exempt = List.copyOf(exempt);
		this.clientIp = clientIp;
		this.json = json;
		this.maxKeyBody = maxKeyBody;
		this.metrics = metrics;
		this.failures = failures;
		this.responses = new RateLimitResponses(json);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		PathContainer path = path(request);
		for (PathPattern pattern : exempt) {
			if (pattern.matches(path)) {
				return true;
			}
		}
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		PathContainer path = path(request);
		List<CompiledPolicy> candidates = new ArrayList<>(2);
		boolean needsBody = false;
		for (CompiledPolicy policy : policies) {
			if (policy.matches(request.getMethod(), path)) {
				candidates.add(policy);
				needsBody |= policy.needsBody();
			}
		}
		if (candidates.isEmpty()) {
			chain.doFilter(request, response);
			return;
		}
		HttpServletRequest forward = request;
		RequestFacts facts = new RequestFacts(request, clientIp, json);
		if (needsBody) {
			byte[] body = readBody(request);
			if (body == null) {
				responses.bodyTooLarge(request, response, maxKeyBody);
				return;
			}
			facts.body(body);
			forward = new CachedBodyRequest(request, body);
		}
		Map<String, Decision> decisions = new LinkedHashMap<>();
		// Requests counted by policies that keep only some outcomes (failed logins): given back unless the
		// response has a counted status. A request that never reaches the chain is given back at once.
		List<Counted> provisional = new ArrayList<>(1);
		for (CompiledPolicy policy : candidates) {
			if (!policy.appliesTo(facts)) {
				continue;
			}
			Optional<String> subject = policy.subject().apply(facts);
			if (subject.isEmpty()) {
				continue;
			}
			Decision decision = decide(policy, subject.get());
			if (decision == null) {
				if (policy.onFailure() == FailureMode.DENY) {
					giveBack(provisional, 0);
					responses.unavailable(request, response, policy.name(), policy.retryAfter().toMillis());
					return;
				}
				continue;
			}
			decisions.put(policy.name(), decision);
			if (!decision.allowed()) {
				giveBack(provisional, 0);
				metrics.rejected(policy.name());
				responses.headers(response, decisions);
				responses.tooManyRequests(request, response, policy.name(), decision);
				return;
			}
			metrics.allowed(policy.name());
			if (policy.countsOutcomes()) {
				provisional.add(new Counted(policy, subject.get(), decision));
			}
		}
		responses.headers(response, decisions);
		if (provisional.isEmpty()) {
			chain.doFilter(forward, response);
			return;
		}
		int status = 0;
		try {
			chain.doFilter(forward, response);
			status = response.getStatus();
		}
		finally {
			// An exception is not an outcome any policy counts (status 0).
			giveBack(provisional, status);
		}
	}

	/** Gives back every provisionally counted request whose policy does not count this status. */
	private void giveBack(List<Counted> provisional, int status) {
		for (Counted counted : provisional) {
			CompiledPolicy policy = counted.policy();
			if (status != 0 && policy.counts(status)) {
				continue;
			}
			try {
				policy.limiter().giveBack(counted.subject(), counted.decision());
			}
			catch (RuntimeException ex) {
				// The request stays counted until the window passes: the policy errs towards refusing.
				metrics.error(policy.name());
				failures.failed(policy.name(), false, ex);
			}
		}
		provisional.clear();
	}

	/** A request a policy counted, pending the outcome that decides whether it stays counted. */
	private record Counted(CompiledPolicy policy, String subject, Decision decision) {
	}

	/** The decision, or null when Redis could not be asked (counted and logged, at most once a minute). */
	private Decision decide(CompiledPolicy policy, String subject) {
		RuntimeException cause = null;
		CircuitBreaker breaker = policy.breaker();
		if (breaker.tryAcquirePermission()) {
			long started = System.nanoTime();
			try {
				Decision decision = policy.limiter().acquire(subject);
				breaker.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
				return decision;
			}
			catch (RuntimeException ex) {
				breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, ex);
				cause = ex;
			}
		}
		metrics.error(policy.name());
		failures.failed(policy.name(), policy.onFailure() == FailureMode.ALLOW, cause);
		return null;
	}

	/** The body up to the key-body limit, or null when it is larger. */
	private byte[] readBody(HttpServletRequest request) throws IOException {
		if (request.getContentLengthLong() > maxKeyBody) {
			return null;
		}
		try (InputStream in = request.getInputStream()) {
			byte[] body = in.readNBytes((int) maxKeyBody + 1);
			return body.length > maxKeyBody ? null : body;
		}
	}

	private static PathContainer path(HttpServletRequest request) {
		String uri = request.getRequestURI();
		String context = request.getContextPath();
		return PathContainer.parsePath(context.isEmpty() ? uri : uri.substring(context.length()));
	}

}
