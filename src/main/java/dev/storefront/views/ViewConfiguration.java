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
import dev.storefront.locking.DistributedLocks;

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
			ViewProperties properties, MeterRegistry meters, DistributedLocks locks) {
		return new ViewFlusher(redis, database::add, new DistributedFlushLock(locks), recorder, properties, meters);
	}

	@Bean
	FilterRegistrationBean<ViewCountingFilter> viewCountingFilter(ViewRecorder recorder) {
		FilterRegistrationBean<ViewCountingFilter> registration = new FilterRegistrationBean<>(
				new ViewCountingFilter(recorder));
		registration.addUrlPatterns("/api/products/*");
		return registration;
	}

}
