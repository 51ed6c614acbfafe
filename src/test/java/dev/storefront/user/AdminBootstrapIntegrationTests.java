package dev.storefront.user;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionOperations;

import dev.storefront.support.Api;
import dev.storefront.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
	JdbcOperations jdbc;

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

	@Test
	void twoReplicasBootstrappingAtOnceCreateOneAdministratorAndBothStart() throws Exception {
		String email = "race-" + UUID.randomUUID() + "@example.com";
		UserProperties properties = new UserProperties(email, "operator-password-123", null);
		CountDownLatch firstInserted = new CountDownLatch(1);
		CountDownLatch commitFirst = new CountDownLatch(1);
		// The first replica has inserted the administrator and not committed yet...
		CompletableFuture<Void> first = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(status -> {
			bootstrap(properties);
			firstInserted.countDown();
			await().atMost(Duration.ofSeconds(30)).until(() -> commitFirst.getCount() == 0);
		}));
		assertThat(firstInserted.await(30, TimeUnit.SECONDS)).isTrue();
		// ...when the second one starts: it must wait for that commit, not insert a second row.
		CompletableFuture<Void> second = CompletableFuture.runAsync(() -> bootstrap(properties));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> jdbc.queryForObject("select count(*) from pg_locks where not granted", Long.class) > 0);
		commitFirst.countDown();

		first.get(30, TimeUnit.SECONDS);
		second.get(30, TimeUnit.SECONDS);
		assertThat(jdbc.queryForObject("select count(*) from users where lower(email) = ?", Long.class, email))
			.isEqualTo(1);
		assertThat(users.findByEmail(email).orElseThrow().getRoles()).contains("ADMIN");
	}

	private void register(String email, String password) {
		api.post("/api/auth/register", Map.of("email", email, "password", password, "name", "Someone")).send().expect(201);
	}

	private void bootstrap(UserProperties properties) {
		new AdminBootstrap(properties, users, passwords, transactions, jdbc).afterSingletonsInstantiated();
	}

}
