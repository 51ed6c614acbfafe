package dev.storefront.ratelimit;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

import dev.storefront.support.DevServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who a request is counted as, on the shipped defaults and real Redis: an IPv6 /64 is one client, the
 * login has a per-account budget across all addresses, and checkout from the cart is an order.
 */
class RateLimitIdentityIntegrationTests {

	@AfterEach
	void clearUser() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void addressesOfOneIpv6Slash64ShareOneBudgetAndTheNextSlash64HasItsOwn() {
		Map<String, Object> settings = new HashMap<>();
		String p = "storefront.ratelimit.policies.v6.";
		settings.put(p + "match.paths[0]", "/api/**");
		settings.put(p + "key", "ip");
		settings.put(p + "algorithm", "fixed-window");
		settings.put(p + "limit", "3");
		settings.put(p + "window", "1m");
		String net = "2001:db8:" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1, 0xffff)) + ":"
				+ Integer.toHexString(ThreadLocalRandom.current().nextInt(1, 0xfff0));
		try (RateLimitStack app = RateLimitStack.on(DevServices.redisUrl(), RateLimitStack.bind(settings))) {
			for (int i = 1; i <= 3; i++) {
				assertThat(app.send(get(net + "::" + Integer.toHexString(i * 4099))).passed()).as("address %d", i).isTrue();
			}
			assertThat(app.send(get(net + ":dead:beef:cafe:1")).status()).isEqualTo(429);
			assertThat(app.send(get(net.substring(0, net.lastIndexOf(':') + 1) + "ffff::1")).passed()).isTrue();
		}
	}

	@Test
	void oneAccountGetsTwentyLoginAttemptsPerHourFromAllAddressesTogether() {
		String victim = "victim-" + UUID.randomUUID() + "@example.com";
		try (RateLimitStack app = RateLimitStack.on(DevServices.redisUrl(), RateLimitStack.defaults())) {
			for (int i = 0; i < 20; i++) {
				assertThat(app.send(login(randomIp(), victim)).passed()).as("attempt %d", i + 1).isTrue();
			}

			var blocked = app.send(login(randomIp(), victim.toUpperCase()));
			assertThat(blocked.status()).isEqualTo(429);
			assertThat(blocked.response().getContentAsString()).contains("\"policy\":\"login-account\"");
			assertThat(app.send(login(randomIp(), "other-" + UUID.randomUUID() + "@example.com")).passed()).isTrue();
		}
		catch (java.io.UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void checkoutFromTheCartSpendsTheSameOrdersBudgetAsPlacingAnOrder() {
		SecurityContextHolder.getContext().setAuthentication(
				UsernamePasswordAuthenticationToken.authenticated("buyer-" + UUID.randomUUID(), null, List.of()));
		try (RateLimitStack app = RateLimitStack.on(DevServices.redisUrl(), RateLimitStack.defaults())) {
			for (int i = 0; i < 5; i++) {
				assertThat(app.send(post("/api/orders")).passed()).isTrue();
				assertThat(app.send(post("/api/orders/from-cart")).passed()).isTrue();
			}

			var refused = app.send(post("/api/orders/from-cart"));
			assertThat(refused.status()).isEqualTo(429);
			assertThat(app.count("orders", "rejected")).isEqualTo(1);
		}
	}

	private static MockHttpServletRequest get(String peer) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/products");
		request.setRemoteAddr(peer);
		return request;
	}

	private static MockHttpServletRequest post(String path) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
		request.setRemoteAddr(randomIp());
		return request;
	}

	private static MockHttpServletRequest login(String peer, String email) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/auth/login");
		request.setRemoteAddr(peer);
		request.setContentType("application/json");
		request.setContent(("{\"email\":\"" + email + "\",\"password\":\"guess\"}").getBytes(StandardCharsets.UTF_8));
		return request;
	}

	private static String randomIp() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return "198.18." + random.nextInt(256) + "." + random.nextInt(1, 255);
	}

}
