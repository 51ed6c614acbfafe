package dev.storefront.topology;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.storefront.locking.DistributedLocks;
import dev.storefront.locking.LockHandle;
import dev.storefront.support.Api;
import dev.storefront.support.Api.Session;
import dev.storefront.support.DevPostgres;
import dev.storefront.support.ProductFixtures;
import dev.storefront.support.TlsRedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application on a Redis that speaks TLS only ({@code port 0}, {@code tls-port}), configured the
 * production way: {@code rediss://} plus a PEM SSL bundle holding the test CA. Lettuce (sessions, cache)
 * and Redisson (locks) both trust that CA.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(DevPostgres.class)
@ActiveProfiles("test")
class TlsIntegrationTests {

	static final TlsRedis redis = TlsRedis.start();

	@LocalServerPort
	int port;

	@Autowired
	StringRedisTemplate template;

	@Autowired
	DistributedLocks locks;

	@DynamicPropertySource
	static void tls(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.url", redis::url);
		registry.add("spring.ssl.bundle.pem.redis.truststore.certificate", () -> "file:" + redis.caCertificate());
		registry.add("spring.data.redis.ssl.bundle", () -> "redis");
	}

	@AfterAll
	static void stop() {
		redis.close();
	}

	@Test
	void theServerHasNoPlaintextPort() {
		String plainPort = template.execute((RedisCallback<String>) connection -> connection.serverCommands()
			.getConfig("port")
			.getProperty("port"));
		assertThat(plainPort).isEqualTo("0");
	}

	@Test
	void sessionsWorkOverTls() {
		Api api = new Api(port);
		Session shopper = api.newUser();
		api.get("/api/users/me").as(shopper).send().expect(200);
		assertThat(template.hasKey("sf:session:sessions:" + shopper.token())).isTrue();
	}

	@Test
	void cacheEntriesAreWrittenOverTls() {
		Api api = new Api(port);
		long product = new ProductFixtures(api).product("9.99", 3);
		api.get("/api/products/" + product).send().expect(200);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> Boolean.TRUE.equals(template.hasKey("sf:cache:v1:product:" + product)));
	}

	@Test
	void redissonLocksWorkOverTls() {
		try (LockHandle held = locks.tryLock("tls-probe").orElseThrow()) {
			assertThat(held.isHeld()).isTrue();
			assertThat(template.hasKey(DistributedLocks.keyOf("tls-probe"))).isTrue();
		}
		assertThat(template.hasKey(DistributedLocks.keyOf("tls-probe"))).isFalse();
	}

}
