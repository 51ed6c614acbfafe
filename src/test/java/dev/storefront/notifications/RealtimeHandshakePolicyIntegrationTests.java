package dev.storefront.notifications;

import io.lettuce.core.RedisURI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import dev.storefront.support.Api;
import dev.storefront.support.Api.Session;
import dev.storefront.support.DevServices;
import dev.storefront.support.EmbeddedRedis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Realtime handshakes ({@code /ws} and the SSE stream) count against the {@code realtime-handshake}
 * rate-limit policy. On a Redis of its own: in the shared context an earlier suite's Redis outage can leave
 * the rate limits failing open (no headers, no 429) for a while, which is their documented Redis-down
 * behaviour, not what this checks.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({ DevServices.class, RealtimeHandshakePolicyIntegrationTests.OwnRedis.class })
@ActiveProfiles("test")
@DirtiesContext
class RealtimeHandshakePolicyIntegrationTests {

	static final EmbeddedRedis redis = EmbeddedRedis.start();

	@LocalServerPort
	int port;

	@AfterAll
	static void stopRedis() {
		redis.close();
	}

	@Test
	void handshakesCountAgainstTheRealtimeHandshakePolicy() throws Exception {
		String address = "127.0.0.23";
		RawRealtime.Answer first = RawRealtime.get(address, port, "/ws");
		assertThat(first.headers().get("ratelimit-policy")).contains("\"realtime-handshake\"");
		RawRealtime.Answer refused = null;
		for (int i = 0; i < 400 && refused == null; i++) {
			// Anonymous requests to the SSE stream end at Spring Security (401), before any rate limit.
			RawRealtime.Answer answer = RawRealtime.get(address, port, "/ws");
			if (answer.status() == 429) {
				refused = answer;
			}
		}
		assertThat(refused).as("a 429 within 400 handshakes").isNotNull();
		assertThat(refused.body()).contains("/problems/rate-limited").contains("\"policy\":\"realtime-handshake\"");
	}

	@Test
	void sseStreamOpeningsCountAgainstTheRealtimeHandshakePolicy() throws Exception {
		Session user = new Api(port).newUser();
		try (RawRealtime sse = RawRealtime.sse("127.0.0.27", port, user.token(), 0)) {
			assertThat(sse.answer.status()).isEqualTo(200);
			assertThat(sse.answer.headers().get("ratelimit-policy")).contains("\"realtime-handshake\"");
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class OwnRedis {

		@Bean
		@Primary
		DataRedisConnectionDetails ownRedis() {
			RedisURI uri = RedisURI.create(redis.url());
			return new DataRedisConnectionDetails() {
				@Override
				public Standalone getStandalone() {
					return Standalone.of(uri.getHost(), uri.getPort());
				}
			};
		}

	}

}
