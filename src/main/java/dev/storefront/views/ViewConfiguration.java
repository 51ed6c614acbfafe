package dev.storefront.views;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.storefront.catalog.ProductViews;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ViewProperties.class)
@ConditionalOnBooleanProperty(name = "storefront.views.enabled", matchIfMissing = true)
class ViewConfiguration {

	/** Stopped after the web server drained (it stops at a higher phase). */
	static final int RECORDER_PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	@Bean
	ViewRecorder viewRecorder(StringRedisTemplate redis, ViewProperties properties, MeterRegistry meters) {
		return new ViewRecorder(redis, properties.queueCapacity(), meters);
	}

	@Bean
	ViewFlusher viewFlusher(StringRedisTemplate redis, ProductViews database, ViewRecorder recorder,
			ViewProperties properties, MeterRegistry meters) {
		FlushLock lock = new RedisTokenLock(redis, ViewKeys.FLUSH_LOCK, properties.lockTtl());
		return new ViewFlusher(redis, database, lock, recorder, properties, meters);
	}

	@Bean
	FilterRegistrationBean<ViewCountingFilter> viewCountingFilter(ViewRecorder recorder) {
		FilterRegistrationBean<ViewCountingFilter> registration = new FilterRegistrationBean<>(
				new ViewCountingFilter(recorder));
		registration.addUrlPatterns("/api/products/*");
		return registration;
	}

}
