package dev.storefront.ratelimit;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

class ClientIpTests {

	private final ClientIp clientIp = new ClientIp(List.of("10.0.0.0/8", "::1"));

	@Test
	void ignoresForwardedForFromAnUntrustedPeer() {
		assertThat(clientIp.of(request("203.0.113.4", "198.51.100.1"))).isEqualTo("203.0.113.4");
	}

	@Test
	void takesTheRightmostUntrustedHopBehindTrustedProxies() {
		assertThat(clientIp.of(request("10.0.0.2", "1.1.1.1, 198.51.100.1, 10.0.0.3"))).isEqualTo("198.51.100.1");
	}

	@Test
	void readsSeveralForwardedForHeadersAsOneList() {
		MockHttpServletRequest request = request("10.0.0.2", "1.1.1.1");
		request.addHeader("X-Forwarded-For", "198.51.100.9");
		assertThat(clientIp.of(request)).isEqualTo("198.51.100.9");
	}

	@Test
	void fallsBackToThePeerWhenATrustedProxySendsNoHeader() {
		assertThat(clientIp.of(request("10.0.0.2", null))).isEqualTo("10.0.0.2");
	}

	@Test
	void hostNamesAreNeverTrustedNorResolved() {
		assertThat(ClientIp.isIpLiteral("localhost")).isFalse();
		assertThat(ClientIp.isIpLiteral("evil.example")).isFalse();
		assertThat(ClientIp.isIpLiteral("2001:db8::1")).isTrue();
		assertThat(ClientIp.isIpLiteral("192.0.2.1")).isTrue();
		assertThat(clientIp.of(request("10.0.0.2", "10.0.0.5, localhost"))).isEqualTo("localhost");
	}

	@Test
	void everyAddressOfOneIpv6Slash64IsOneSubject() {
		assertThat(clientIp.subject(request("2001:db8:1:2::1", null))).isEqualTo("2001:db8:1:2:0:0:0:0/64");
		assertThat(clientIp.subject(request("2001:db8:1:2:ffff:abcd:1234:5678", null))).isEqualTo("2001:db8:1:2:0:0:0:0/64");
		assertThat(clientIp.subject(request("2001:db8:1:3::1", null))).isEqualTo("2001:db8:1:3:0:0:0:0/64");
	}

	@Test
	void ipv4AddressesStayWholeByDefaultAndIpv4MappedAddressesCountAsIpv4() {
		assertThat(clientIp.subject(request("203.0.113.4", null))).isEqualTo("203.0.113.4");
		assertThat(clientIp.subject(request("::ffff:203.0.113.4", null))).isEqualTo("203.0.113.4");
	}

	@Test
	void prefixLengthsAreConfigurable() {
		ClientIp coarse = new ClientIp(List.of(), 24, 48);
		assertThat(coarse.subject(request("203.0.113.77", null))).isEqualTo("203.0.113.0/24");
		assertThat(coarse.subject(request("2001:db8:1:2::1", null))).isEqualTo("2001:db8:1:0:0:0:0:0/48");
	}

	@Test
	void theForwardedClientIsMaskedToo() {
		assertThat(clientIp.subject(request("10.0.0.2", "2001:db8:aa:bb:1::9"))).isEqualTo("2001:db8:aa:bb:0:0:0:0/64");
		assertThat(clientIp.subject(request("10.0.0.2", "10.0.0.5, localhost"))).isEqualTo("localhost");
	}

	private static MockHttpServletRequest request(String peer, String forwardedFor) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/products");
		request.setRemoteAddr(peer);
		if (forwardedFor != null) {
			request.addHeader("X-Forwarded-For", forwardedFor);
		}
		return request;
	}

}
