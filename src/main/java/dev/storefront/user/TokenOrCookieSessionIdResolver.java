package dev.storefront.user;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.session.web.http.CookieHttpSessionIdResolver;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.HeaderHttpSessionIdResolver;
import org.springframework.session.web.http.HttpSessionIdResolver;

/**
 * Reads the session id from {@code X-Auth-Token} when present, else from the cookie, and hands a new
 * id out through both, so browsers and API clients share one login endpoint.
 */
class TokenOrCookieSessionIdResolver implements HttpSessionIdResolver {

	static final String HEADER = "X-Auth-Token";

	private final HeaderHttpSessionIdResolver header = new HeaderHttpSessionIdResolver(HEADER);

	private final CookieHttpSessionIdResolver cookie = new CookieHttpSessionIdResolver();

	TokenOrCookieSessionIdResolver(CookieSerializer cookies) {
		cookie.setCookieSerializer(cookies);
	}

	static boolean usesToken(HttpServletRequest request) {
		return request.getHeader(HEADER) != null;
	}

	@Override
	public List<String> resolveSessionIds(HttpServletRequest request) {
		List<String> fromHeader = header.resolveSessionIds(request);
		return fromHeader.isEmpty() ? cookie.resolveSessionIds(request) : fromHeader;
	}

	@Override
	public void setSessionId(HttpServletRequest request, HttpServletResponse response, String sessionId) {
		header.setSessionId(request, response, sessionId);
		cookie.setSessionId(request, response, sessionId);
	}

	@Override
	public void expireSession(HttpServletRequest request, HttpServletResponse response) {
		header.expireSession(request, response);
		cookie.expireSession(request, response);
	}

}
