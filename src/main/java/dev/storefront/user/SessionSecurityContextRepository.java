package dev.storefront.user;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.HttpRequestResponseHolder;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * Rebuilds the caller's identity from the few string attributes a login put in the session, instead
 * of storing a serialized {@code SecurityContext}: the session stays small and type-free JSON.
 * <p>
 * A request with no session cookie or token never reaches the session store: {@code getSession(false)}
 * returns {@code null} without a Redis call when no session id was sent.
 */
class SessionSecurityContextRepository implements SecurityContextRepository {

	@Override
	@SuppressWarnings("deprecation")
	public SecurityContext loadContext(HttpRequestResponseHolder holder) {
		return load(holder.getRequest());
	}

	@Override
	public void saveContext(SecurityContext context, HttpServletRequest request, HttpServletResponse response) {
		// Logins write the session explicitly (UserSessions.bind); nothing to save per request.
	}

	@Override
	public boolean containsContext(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		return session != null && session.getAttribute(SessionAttributes.USER_ID) != null;
	}

	private static SecurityContext load(HttpServletRequest request) {
		SecurityContextImpl context = new SecurityContextImpl();
		HttpSession session = request.getSession(false);
		if (session == null || !(session.getAttribute(SessionAttributes.USER_ID) instanceof String id)) {
			return context;
		}
		Set<String> roles = new LinkedHashSet<>(
				Arrays.asList(((String) session.getAttribute(SessionAttributes.ROLES)).split(",")));
		CurrentUser user = new CurrentUser(Long.parseLong(id), (String) session.getAttribute(SessionAttributes.EMAIL),
				roles);
		List<SimpleGrantedAuthority> authorities = roles.stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r))
			.toList();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, authorities));
		return context;
	}

}
