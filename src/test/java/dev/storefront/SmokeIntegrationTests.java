package dev.storefront;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.storefront.support.Api;
import dev.storefront.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class SmokeIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void startsAndServesHealth() {
		Api api = new Api(port);
		assertThat(api.get("/actuator/health/readiness").send().status()).isEqualTo(200);
	}

}
