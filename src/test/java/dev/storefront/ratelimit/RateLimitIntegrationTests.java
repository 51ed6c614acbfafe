package dev.storefront.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.time.Instant;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.storefront.support.Api;
import dev.storefront.support.Api.Response;
import dev.storefront.support.InOneWindow;
import dev.storefront.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The filter inside the real app. The test profile defines three probe policies (limit 3 per 2 s on
 * {@code GET /api/categories}) keyed by their own API-key header, so only requests that carry the
 * header are counted and other tests are unaffected.
 */
@IntegrationTest
class RateLimitIntegrationTests {

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	MeterRegistry meters;

	@Autowired
	Api api;

	/**
	 * The probe policies have 2 s windows: warm the path first, so that the first request of a fresh test
	 * JVM (contract loading, JIT) does not outlast the window the test counts in.
	 */
	@BeforeEach
	void warmUp() {
		api.get("/api/categories").send().expect(200);
	}

	@ParameterizedTest
	@CsvSource({ "probetb, X-Probe-Token-Bucket", "probefw, X-Probe-Fixed-Window", "probesl, X-Probe-Sliding-Log" })
	void allowsExactlyTheLimitThenRefusesWith429AndResets(String policy, String header) {
		String[] key = new String[1];
		long[] before = new long[1];
		double[] rejectedBefore = new double[1];
		// Four requests in one 2 s window; what they answer is judged only if they fit in it.
		List<Response> responses = InOneWindow.run(Duration.ofMillis(1800), () -> {
			key[0] = UUID.randomUUID().toString();
			before[0] = Instant.now().getEpochSecond();
			rejectedBefore[0] = rejected(policy);
			List<Response> sent = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				sent.add(api.get("/api/categories").header(header, key[0]).send());
			}
			return sent;
		});
		for (int i = 1; i <= 3; i++) {
			Response response = responses.get(i - 1).expect(200);
			assertThat(response.header("X-RateLimit-Limit")).contains("3");
			assertThat(response.header("X-RateLimit-Remaining")).contains(String.valueOf(3 - i));
			long reset = Long.parseLong(response.header("X-RateLimit-Reset").orElseThrow());
			assertThat(reset).isBetween(before[0], before[0] + 4);
			assertThat(response.header("RateLimit-Policy").orElseThrow()).contains("\"" + policy + "\";q=3;w=2");
			assertThat(response.header("RateLimit").orElseThrow()).contains("\"" + policy + "\";r=" + (3 - i) + ";t=");
		}

		Response refused = responses.get(3).expect(429);

		assertThat(refused.header("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
		assertThat(refused.json().get("policy").asString()).isEqualTo(policy);
		assertThat(refused.json().get("type").asString()).endsWith("/rate-limited");
		assertThat(Long.parseLong(refused.header("Retry-After").orElseThrow())).isBetween(1L, 2L);
		assertThat(refused.header("X-RateLimit-Remaining")).contains("0");
		assertThat(rejected(policy)).isEqualTo(rejectedBefore[0] + 1);
		// Another key has its own budget.
		api.get("/api/categories").header(header, UUID.randomUUID().toString()).send().expect(200);

		await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> api.get("/api/categories").header(header, key[0]).send().status() == 200);
	}

	@Test
	void fixedWindowKeyExpiresWithTheWindow() {
		String key = UUID.randomUUID().toString();
		api.get("/api/categories").header("X-Probe-Fixed-Window", key).send().expect(200);

		String redisKey = "sf:rl:fw:probefw:key:" + RateLimitKeys.hashed(key);
		assertThat(redis.opsForValue().get(redisKey)).isEqualTo("1");
		assertThat(redis.getExpire(redisKey, java.util.concurrent.TimeUnit.MILLISECONDS)).isBetween(1L, 2000L);
	}

	@Test
	void slidingLogDoesNotRecordRefusedRequests() {
		String key = UUID.randomUUID().toString();
		for (int i = 0; i < 3; i++) {
			api.get("/api/categories").header("X-Probe-Sliding-Log", key).send().expect(200);
		}
		api.get("/api/categories").header("X-Probe-Sliding-Log", key).send().expect(429);
		api.get("/api/categories").header("X-Probe-Sliding-Log", key).send().expect(429);

		String redisKey = "sf:rl:sl:probesl:key:" + RateLimitKeys.hashed(key);
		assertThat(redis.opsForZSet().zCard(redisKey)).isEqualTo(3);
		assertThat(redis.getExpire(redisKey, java.util.concurrent.TimeUnit.MILLISECONDS)).isBetween(1L, 2000L);
	}

	@Test
	void tokenBucketKeyExpiresOnceTheBucketWouldBeFull() {
		String key = UUID.randomUUID().toString();
		api.get("/api/categories").header("X-Probe-Token-Bucket", key).send().expect(200);

		String redisKey = "sf:rl:tb:probetb:key:" + RateLimitKeys.hashed(key);
		assertThat(redis.hasKey(redisKey)).isTrue();
		// Time to refill (at most 2 s) plus the 10 s margin.
		assertThat(redis.getExpire(redisKey, java.util.concurrent.TimeUnit.MILLISECONDS)).isBetween(1L, 12_000L);
	}

	@Test
	void actuatorIsNeverLimited() {
		Response health = api.get("/actuator/health").header("X-Probe-Fixed-Window", "x").send().expect(200);
		assertThat(health.header("X-RateLimit-Limit")).isEmpty();
		assertThat(api.get("/api/categories").send().expect(200).header("X-RateLimit-Limit")).isPresent();
	}

	@Test
	void loginBodyIsStillReadByTheControllerAndCountedByIpAndEmail() {
		Api.Session admin = api.admin();

		assertThat(admin.login().header("RateLimit").orElseThrow()).contains("\"login\";r=");
		String redisKey = "sf:rl:sl:login:ipf:" + RateLimitKeys.hashed("127.0.0.1\nadmin@storefront.test");
		assertThat(redis.opsForZSet().zCard(redisKey)).isPositive();
	}

	@Test
	void authenticatedCallsAreCountedPerUser() {
		Api.Session user = api.newUser();

		api.get("/api/users/me").as(user).send().expect(200);

		assertThat(redis.hasKey("sf:rl:tb:authenticated:user:" + user.userId())).isTrue();
	}

	private double rejected(String policy) {
		var counter = meters.find(RateLimitMetrics.REQUESTS).tags("policy", policy, "result", "rejected").counter();
		return counter == null ? 0 : counter.count();
	}

}
