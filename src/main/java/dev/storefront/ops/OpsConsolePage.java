package dev.storefront.ops;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the console's static page ({@code static/ops/}) at {@code /ops}. The page is public and holds no
 * data: everything it shows comes from {@code /api/admin/**} after an administrator signs in on it.
 */
@Configuration(proxyBeanMethods = false)
class OpsConsolePage implements WebMvcConfigurer {

	@Override
	public void addViewControllers(ViewControllerRegistry registry) {
		registry.addRedirectViewController("/ops", "/ops/");
		registry.addViewController("/ops/").setViewName("forward:/ops/index.html");
	}

}
