package dev.storefront.analytics;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

import dev.storefront.user.CurrentUser;

/**
 * Records a product view after a successful {@code GET /api/products/{id}}: a unique visitor of the
 * product today and, for a logged-in user, the product in their recently viewed list. It watches the
 * catalog's endpoint from outside, so the catalog knows nothing about analytics.
 */
class ProductViewInterceptor implements HandlerInterceptor {

	static final String PATTERN = "/api/products/{id}";

	private final UniqueVisitors visitors;

	private final RecentlyViewed recentlyViewed;

	ProductViewInterceptor(UniqueVisitors visitors, RecentlyViewed recentlyViewed) {
		this.visitors = visitors;
		this.recentlyViewed = recentlyViewed;
	}

	@Override
	public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
			Exception ex) {
		if (!"GET".equals(request.getMethod()) || ex != null
				|| (response.getStatus() != 200 && response.getStatus() != 304)
				|| !PATTERN.equals(request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE))) {
			return;
		}
		Long productId = productId(request);
		if (productId == null) {
			return;
		}
		CurrentUser user = currentUser();
		if (user != null) {
			visitors.record(productId, "u:" + user.id());
			recentlyViewed.record(user.id(), productId);
		}
		else {
			// Anonymous visitors are told apart by address only: proxies merge some, but no cookie is needed.
			visitors.record(productId, "ip:" + request.getRemoteAddr());
		}
	}

	private static Long productId(HttpServletRequest request) {
		if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables
				&& variables.get("id") instanceof String id) {
			try {
				return Long.valueOf(id);
			}
			catch (NumberFormatException notAnId) {
				return null;
			}
		}
		return null;
	}

	static CurrentUser currentUser() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication != null && authentication.getPrincipal() instanceof CurrentUser user ? user : null;
	}

}
