package dev.storefront.user;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.session.web.http.CookieSerializer.CookieValue;

import dev.storefront.support.Api;
import dev.storefront.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proxy headers are never believed by the container: the strategy is set explicitly, so no cloud-platform
 * detection can switch on Tomcat's RemoteIpValve. Cookies get {@code Secure} from configuration instead.
 * The rate limiter reads {@code X-Forwarded-For} itself, from the right and only behind a trusted proxy (the
 * test profile trusts the loopback, as compose trusts nginx): what a client forges on the left, or in a
 * {@code Forwarded} header, never becomes its rate-limit key.
 */
@IntegrationTest
class ForwardedHeadersIntegrationTests {

	@Autowired
	Environment environment;

	@Autowired
	Api api;

	@Autowired
	org.springframework.data.redis.core.StringRedisTemplate redis;

	@Test
	void theForwardHeadersStrategyIsSetExplicitlyToNone() {
		assertThat(environment.getProperty("server.forward-headers-strategy")).isEqualTo("none");
	}

	@Test
	void aForgedForwardedProtoDoesNotMakeTheRequestSecure() {
		String email = "proxy-" + UUID.randomUUID() + "@example.com";
		api.post("/api/auth/register", Map.of("email", email, "password", "password123", "name", "P")).send().expect(201);

		Api.Response login = api.post("/api/auth/login", Map.of("email", email, "password", "password123"))
			.header("X-Forwarded-Proto", "https")
			.header("X-Forwarded-For", "203.0.113.9")
			.send()
			.expect(200);

		assertThat(login.setCookie("SESSION")).hasValueSatisfying(cookie -> assertThat(cookie).doesNotContain("Secure"));
	}

	@Test
	void aForgedForwardedForDoesNotChooseTheRateLimitKey() {
		String forged = "203.0.113." + (1 + new java.util.Random().nextInt(250));
		String peerOfTheProxy = "198.51.100." + (1 + new java.util.Random().nextInt(250));
		// The client sent "X-Forwarded-For: <forged>"; the trusted proxy appended the address it saw.
		api.get("/api/categories").header("X-Forwarded-For", forged + ", " + peerOfTheProxy).send().expect(200);
		// RFC 7239's header is not read at all: the request counts against the proxy's own address.
		api.get("/api/categories").header("Forwarded", "for=" + forged).send().expect(200);

		assertThat(redis.hasKey("sf:rl:tb:anonymous:ip:" + peerOfTheProxy)).isTrue();
		assertThat(redis.getExpire("sf:rl:tb:anonymous:ip:" + peerOfTheProxy)).isPositive();
		assertThat(keysMentioning(forged)).isEmpty();
	}

	private java.util.List<String> keysMentioning(String address) {
		java.util.List<String> keys = new java.util.ArrayList<>();
		try (var cursor = redis.scan(org.springframework.data.redis.core.ScanOptions.scanOptions()
			.match("sf:rl:*" + address + "*")
			.count(1000)
			.build())) {
			cursor.forEachRemaining(keys::add);
		}
		return keys;
	}

	@Test
	void secureCookiesMarksTheSessionCookieSecureOnAPlainHttpRequest() {
		var cookies = new SessionConfiguration().sessionCookieSerializer(new CookieProperties(true));
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/auth/login");
		MockHttpServletResponse response = new MockHttpServletResponse();

		cookies.writeCookieValue(new CookieValue(request, response, "abc"));

		assertThat(response.getHeader("Set-Cookie")).contains("Secure").contains("HttpOnly").contains("SameSite=Strict");
	}

}
