package dev.storefront.notifications;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import dev.storefront.StorefrontApplication;
import dev.storefront.support.DevServices;

/**
 * A second instance of the whole application, on the same PostgreSQL and Redis as the shared test
 * context ({@link DevServices} starts them once per JVM): what a second node of a deployment is.
 */
final class SecondInstance implements AutoCloseable {

	final ConfigurableApplicationContext context;

	final int port;

	private SecondInstance(ConfigurableApplicationContext context) {
		this.context = context;
		this.port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
	}

	static SecondInstance start(String... args) {
		String[] all = new String[args.length + 1];
		all[0] = "--server.port=0";
		System.arraycopy(args, 0, all, 1, args.length);
		return new SecondInstance(SpringApplication.from(StorefrontApplication::main)
			.with(DevServices.class)
			.withAdditionalProfiles("test")
			.run(all)
			.getApplicationContext());
	}

	<T> T bean(Class<T> type) {
		return context.getBean(type);
	}

	@Override
	public void close() {
		context.close();
	}

}
