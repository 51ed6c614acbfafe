package dev.storefront.user;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionOperations;

import dev.storefront.support.Api;
import dev.storefront.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bootstrap administrator against real PostgreSQL: a pre-registered account with the configured
 * email is never promoted, and only an explicit {@code storefront.admin.promote} grants ADMIN.
 */
@IntegrationTest
class AdminBootstrapIntegrationTests {

	@Autowired
	Users users;

	@Autowired
	PasswordEncoder passwords;

	@Autowired
	TransactionOperations transactions;

	@Autowired
	Api api;

	@Test
	void anAccountRegisteredWithTheAdminEmailBeforeTheStartIsNotPromotedAndKeepsNoAdminRights() {
		String email = "squatter-" + UUID.randomUUID() + "@example.com";
		register(email, "attacker-password");

		bootstrap(new UserProperties(email, "operator-password-123", null));

		assertThat(users.findByEmail(email).orElseThrow().getRoles()).containsExactly("USER");
		Api.Session attacker = api.login(email, "attacker-password");
		api.get("/api/admin/analytics/active-users").as(attacker).send().expect(403);
	}

	@Test
	void theBootstrapCreatesAMissingAdministratorWithTheConfiguredPassword() {
		String email = "boot-" + UUID.randomUUID() + "@example.com";

		bootstrap(new UserProperties(email, "operator-password-123", null));

		assertThat(users.findByEmail(email).orElseThrow().getRoles()).contains("ADMIN");
		api.login(email, "operator-password-123");
	}

	@Test
	void anExplicitPromoteGrantsAdminToAnExistingAccount() {
		String email = "promoted-" + UUID.randomUUID() + "@example.com";
		register(email, "password123");

		bootstrap(new UserProperties(null, "operator-password-123", email.toUpperCase()));

		assertThat(users.findByEmail(email).orElseThrow().getRoles()).contains("USER", "ADMIN");
	}

	@Test
	void promoteWithoutTheConfiguredAdminPasswordGrantsNothing() {
		String email = "not-promoted-" + UUID.randomUUID() + "@example.com";
		register(email, "password123");

		bootstrap(new UserProperties(null, null, email));

		assertThat(users.findByEmail(email).orElseThrow().getRoles()).containsExactly("USER");
	}

	private void register(String email, String password) {
		api.post("/api/auth/register", Map.of("email", email, "password", password, "name", "Someone")).send().expect(201);
	}

	private void bootstrap(UserProperties properties) {
		new AdminBootstrap(properties, users, passwords, transactions).afterSingletonsInstantiated();
	}

}
