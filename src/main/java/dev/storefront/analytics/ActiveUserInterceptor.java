package dev.storefront.analytics;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.servlet.HandlerInterceptor;

import dev.storefront.user.CurrentUser;

/**
 * Marks the caller of any authenticated API request active today.
 */
class ActiveUserInterceptor implements HandlerInterceptor {

	private final ActiveUsers activeUsers;

	ActiveUserInterceptor(ActiveUsers activeUsers) {
		this.activeUsers = activeUsers;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		CurrentUser user = ProductViewInterceptor.currentUser();
		if (user != null) {
			activeUsers.markActive(user.id());
		}
		return true;
	}

}
