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
		SpringApplication.from(StorefrontApplication::main)
			.with(DevServices.class)
			.withAdditionalProfiles("dev")
			.run(args);
		log.info("Dev run ready on http://localhost:8080 - admin login: {} / {} (generated for this run)", email,
				password);
	}

}
