package dev.storefront.analytics;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Hooks the recorders into Spring MVC.
 */
@Configuration(proxyBeanMethods = false)
class AnalyticsWebConfiguration implements WebMvcConfigurer {

	private final ActiveUsers activeUsers;

	private final UniqueVisitors visitors;

	private final RecentlyViewed recentlyViewed;

	AnalyticsWebConfiguration(ActiveUsers activeUsers, UniqueVisitors visitors, RecentlyViewed recentlyViewed) {
		this.activeUsers = activeUsers;
		this.visitors = visitors;
		this.recentlyViewed = recentlyViewed;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new ActiveUserInterceptor(activeUsers)).addPathPatterns("/api/**");
		registry.addInterceptor(new ProductViewInterceptor(visitors, recentlyViewed)).addPathPatterns("/api/products/*");
	}

}
