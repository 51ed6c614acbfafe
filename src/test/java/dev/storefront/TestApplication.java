package dev.storefront;

import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringApplication;

import dev.storefront.support.DevServices;

/**
 * The dev run ({@code ./mvnw spring-boot:test-run}): the real application on :8080 with throwaway
 * PostgreSQL and Redis, 10,000 demo products and an administrator whose password is logged once.
 */
public class TestApplication {

	private static final Logger log = LoggerFactory.getLogger(TestApplication.class);

	public static void main(String[] args) {
		String email = "admin@storefront.dev";
		byte[] secret = new byte[12];
		new SecureRandom().nextBytes(secret);
		String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		System.setProperty("storefront.admin.email", email);
		System.setProperty("storefront.admin.password", password);
		stopWithMaven();
		try {
			SpringApplication.from(StorefrontApplication::main)
				.with(DevServices.class)
				.withAdditionalProfiles("dev")
				.run(args);
		}
		catch (RuntimeException ex) {
			// Boot has logged why. Exit: GreenMail's server threads are not daemons, so a failed start would
			// otherwise leave this JVM, Redis and PostgreSQL running until killed (the shutdown hooks stop them).
			System.exit(1);
		}
		log.info("Dev run ready on http://localhost:8080 - admin login: {} / {} (generated for this run)", email,
				password);
	}

	/**
	 * Ctrl-C reaches Maven and this forked JVM together, and both stop. A signal to Maven alone (SIGTERM
	 * from {@code timeout} or {@code kill}) ends Maven but not its fork, which would keep :8080 and the
	 * embedded services: so when started by Maven, the dev run ends with it (shutdown hooks stop
	 * PostgreSQL, Redis and the SMTP server).
	 */
	private static void stopWithMaven() {
		ProcessHandle.current()
			.parent()
			.filter(parent -> parent.info().commandLine().orElse("").contains("org.codehaus.plexus.classworlds"))
			.ifPresent(maven -> maven.onExit().thenRun(() -> {
				log.info("Maven (pid {}) ended: stopping the dev run", maven.pid());
				System.exit(0);
			}));
	}

}
