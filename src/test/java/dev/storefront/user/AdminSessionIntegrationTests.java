package dev.storefront.user;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.storefront.support.Api;
import dev.storefront.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code DELETE /api/admin/users/{id}/sessions}, the console's "close a user's sessions". */
@IntegrationTest
class AdminSessionIntegrationTests {

	@Autowired
	Api api;

	@Test
	void anAdministratorClosesEverySessionOfAUserAndOnlyAnAdministratorMay() {
		Api.Session first = api.newUser();
		Api.Session second = api.login(first.email(), "password123");
		Api.Session other = api.newUser();
		api.get("/api/users/me").as(first).send().expect(200);

		assertThat(api.delete("/api/admin/users/" + first.userId() + "/sessions").as(other).send().status())
			.isEqualTo(403);
		var closed = api.delete("/api/admin/users/" + first.userId() + "/sessions").as(api.admin()).send().expect(200)
			.json();

		assertThat(closed.get("closed").asLong()).isEqualTo(2);
		assertThat(api.get("/api/users/me").as(first).send().status()).isEqualTo(401);
		assertThat(api.get("/api/users/me").as(second).send().status()).isEqualTo(401);
		api.get("/api/users/me").as(other).send().expect(200);
	}

}
