package dev.storefront.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The {@link Api} of the shared integration-test context, so that tests write {@code @Autowired Api api}
 * instead of each taking the port and building a client. The bean is made before the web server starts,
 * so it reads {@code local.server.port} (what {@code @LocalServerPort} injects) on each request.
 */
@TestConfiguration(proxyBeanMethods = false)
class ApiConfiguration {

	static final String PORT = "local.server.port";

	@Bean
	Api integrationTestApi(Environment environment) {
		return new Api(() -> environment.getRequiredProperty(PORT, Integer.class), true);
	}

}
