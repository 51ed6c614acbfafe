package dev.storefront.ratelimit;

import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.storefront.user.CurrentUser;

/**
 * What policies key on, worked out once per request and only when asked: client IP, user, body fields.
 */
final class RequestFacts {

	private final HttpServletRequest request;

	private final ClientIp clientIp;

	private final JsonMapper json;

	private @Nullable String ip;

	private @Nullable Optional<String> user;

	private byte @Nullable [] body;

	private @Nullable JsonNode bodyTree;

	RequestFacts(HttpServletRequest request, ClientIp clientIp, JsonMapper json) {
		this.request = request;
		this.clientIp = clientIp;
		this.json = json;
	}

	HttpServletRequest request() {
		return request;
	}

	String ip() {
		if (ip == null) {
			ip = clientIp.subject(request);
		}
		return ip;
	}

	/** The logged-in user's id, if the caller is authenticated (Spring Security ran before this filter). */
	Optional<String> user() {
		if (user == null) {
			Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
			if (authentication == null || !authentication.isAuthenticated()
					|| authentication instanceof AnonymousAuthenticationToken) {
				user = Optional.empty();
			}
			else if (authentication.getPrincipal() instanceof CurrentUser current) {
				user = Optional.of(String.valueOf(current.id()));
			}
			else {
				user = Optional.of(RateLimitKeys.hashed(authentication.getName()));
			}
		}
		return user;
	}

	Optional<String> header(String name) {
		return Optional.ofNullable(request.getHeader(name)).map(String::strip).filter(v -> !v.isEmpty());
	}

	void body(byte[] bytes) {
		this.body = bytes;
	}

	/** A top-level JSON field of the body, normalised (trimmed, lower case); empty if absent or not JSON. */
	String bodyField(String name) {
		if (bodyTree == null) {
			try {
				bodyTree = body == null || body.length == 0 ? json.missingNode() : json.readTree(body);
			}
			catch (RuntimeException ex) {
				// Malformed JSON: the controller answers 400; the limiter still counts it under an empty field.
				bodyTree = json.missingNode();
			}
		}
		JsonNode field = bodyTree.path(name);
		return field.isValueNode() ? field.asString().strip().toLowerCase(Locale.ROOT) : "";
	}

}
