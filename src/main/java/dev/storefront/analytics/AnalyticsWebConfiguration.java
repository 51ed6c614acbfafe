package dev.storefront.analytics;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Hooks the recorders into Spring MVC, and the queue they write through.
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

	@Bean
	static AnalyticsRecorder analyticsRecorder(StringRedisTemplate redis, AnalyticsProperties properties,
			MeterRegistry meters) {
		return new AnalyticsRecorder(redis, properties, meters);
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new ActiveUserInterceptor(activeUsers)).addPathPatterns("/api/**");
		registry.addInterceptor(new ProductViewInterceptor(visitors, recentlyViewed)).addPathPatterns("/api/products/*");
	}

}
