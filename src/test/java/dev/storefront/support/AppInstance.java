package dev.storefront.support;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import dev.storefront.StorefrontApplication;

/**
 * The whole application started beside the shared test context, on the same PostgreSQL and Redis
 * ({@link DevServices}), with settings of its own (the shipped default of one rate-limit policy, trusted
 * proxies): what a test needs when the shared context's settings would hide the behaviour it proves.
 */
public final class AppInstance implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private final int port;

	private AppInstance(ConfigurableApplicationContext context) {
		this.context = context;
		this.port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
	}

	/** Starts an instance on a free port with the test profile and these {@code --name=value} arguments. */
	public static AppInstance start(String... args) {
		String[] all = new String[args.length + 1];
		all[0] = "--server.port=0";
		System.arraycopy(args, 0, all, 1, args.length);
		return new AppInstance(SpringApplication.from(StorefrontApplication::main)
			.with(DevServices.class)
			.withAdditionalProfiles("test")
			.run(all)
			.getApplicationContext());
	}

	public int port() {
		return port;
	}

	/** A client of this instance whose exchanges are checked against the contract. */
	public Api api() {
		return new Api(port);
	}

	public <T> T bean(Class<T> type) {
		return context.getBean(type);
	}

	@Override
	public void close() {
		context.close();
	}

}
