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
 */
@IntegrationTest
class ForwardedHeadersIntegrationTests {

	@Autowired
	Environment environment;

	@Autowired
	Api api;

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
	void secureCookiesMarksTheSessionCookieSecureOnAPlainHttpRequest() {
		var cookies = new SessionConfiguration().sessionCookieSerializer(new CookieProperties(true));
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/auth/login");
		MockHttpServletResponse response = new MockHttpServletResponse();

		cookies.writeCookieValue(new CookieValue(request, response, "abc"));

		assertThat(response.getHeader("Set-Cookie")).contains("Secure").contains("HttpOnly").contains("SameSite=Strict");
	}

}
