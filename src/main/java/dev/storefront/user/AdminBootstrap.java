package dev.storefront.user;

import java.util.Locale;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Creates the bootstrap administrator from {@code storefront.admin.*} and applies an explicit
 * {@code storefront.admin.promote}. Runs when the singletons are ready, which is before the web server
 * opens its port (an {@code ApplicationRunner} would run after it, and requests could race the bootstrap).
 * <p>
 * An existing account whose email matches {@code storefront.admin.email} is never promoted: anyone could
 * have registered that address before the first start. It keeps its roles and an error is logged.
 * <p>
 * Replicas start together (docker compose starts both at once): the bootstrap runs under a PostgreSQL
 * transaction-level advisory lock, so the second replica waits for the first one's commit and then finds
 * the administrator, instead of inserting it again and dying on the unique email index.
 */
@Component
class AdminBootstrap implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

	static final String ADMIN = "ADMIN";

	private final UserProperties properties;

	private final Users users;

	private final PasswordEncoder passwords;

	private final TransactionOperations transactions;

	private final JdbcOperations jdbc;

	AdminBootstrap(UserProperties properties, Users users, PasswordEncoder passwords,
			TransactionOperations transactions, JdbcOperations jdbc) {
		this.properties = properties;
		this.users = users;
		this.passwords = passwords;
		this.transactions = transactions;
		this.jdbc = jdbc;
	}

	@Override
	public void afterSingletonsInstantiated() {
		transactions.executeWithoutResult(status -> {
			// Held until this transaction ends: one instance at a time checks and creates.
			jdbc.queryForList("select pg_advisory_xact_lock(hashtext('storefront:admin-bootstrap'))");
			createAdministrator();
			promote();
		});
	}

	private void createAdministrator() {
		String email = normalized(properties.email());
		if (email == null) {
			log.info("No storefront.admin.email set; no administrator created");
			return;
		}
		users.findByEmail(email).ifPresentOrElse(existing -> {
			if (!existing.getRoles().contains(ADMIN)) {
				log.error("Account {} exists but is not an administrator; it was NOT promoted. If it is yours, grant "
						+ "ADMIN explicitly with storefront.admin.promote (see docs/security.md)", email);
			}
		}, () -> {
			if (!hasPassword()) {
				log.warn("storefront.admin.password is missing or shorter than 8 characters; administrator {} not created", email);
				return;
			}
			users.save(new UserEntity(email, passwords.encode(properties.password()), "Administrator", Set.of("USER", ADMIN)));
			log.info("Created administrator {}", email);
		});
	}

	private void promote() {
		String email = normalized(properties.promote());
		if (email == null) {
			return;
		}
		if (!hasPassword()) {
			log.error("storefront.admin.promote={} ignored: it needs storefront.admin.password to be set as well", email);
			return;
		}
		users.findByEmail(email).ifPresentOrElse(user -> {
			if (user.getRoles().contains(ADMIN)) {
				log.warn("storefront.admin.promote: {} is already an administrator; remove the setting", email);
				return;
			}
			user.grant(ADMIN);
			log.warn("Granted ADMIN to {} (storefront.admin.promote); remove the setting now", email);
		}, () -> log.error("storefront.admin.promote: no account {}; nothing granted", email));
	}

	private boolean hasPassword() {
		return properties.password() != null && properties.password().length() >= 8;
	}

	private static String normalized(String email) {
		return email == null || email.isBlank() ? null : email.strip().toLowerCase(Locale.ROOT);
	}

}
