package dev.storefront.user;

import java.util.Locale;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates the first administrator from {@code storefront.admin.*} when it does not exist yet. An
 * existing account keeps its password; it only gains the ADMIN role.
 */
@Component
@Order(0)
class AdminAccountInitializer implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(AdminAccountInitializer.class);

	private final UserProperties properties;

	private final Users users;

	private final PasswordEncoder passwords;

	AdminAccountInitializer(UserProperties properties, Users users, PasswordEncoder passwords) {
		this.properties = properties;
		this.users = users;
		this.passwords = passwords;
	}

	@Override
	@Transactional
	public void run(ApplicationArguments args) {
		if (properties.email() == null || properties.email().isBlank()) {
			log.info("No storefront.admin.email set; no administrator created");
			return;
		}
		String email = properties.email().strip().toLowerCase(Locale.ROOT);
		users.findByEmail(email).ifPresentOrElse(user -> {
			if (!user.getRoles().contains("ADMIN")) {
				user.grant("ADMIN");
				log.info("Granted ADMIN to existing account {}", email);
			}
		}, () -> {
			if (properties.password() == null || properties.password().length() < 8) {
				log.warn("storefront.admin.password is missing or shorter than 8 characters; administrator {} not created", email);
				return;
			}
			users.save(new UserEntity(email, passwords.encode(properties.password()), "Administrator",
					Set.of("USER", "ADMIN")));
			log.info("Created administrator {}", email);
		});
	}

}
