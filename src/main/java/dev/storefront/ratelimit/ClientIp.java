package dev.storefront.ratelimit;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.util.StringUtils;

/**
 * The client's address. {@code X-Forwarded-For} is honoured only when the direct peer is a trusted
 * proxy, and then read from the right, skipping further trusted proxies: the first untrusted hop is the
 * client. Anything a client writes into the header before that cannot move it out of its own limit.
 */
final class ClientIp {

	private final List<IpAddressMatcher> trusted;

	ClientIp(List<String> trustedProxies) {
		this.trusted = trustedProxies.stream().filter(StringUtils::hasText).map(IpAddressMatcher::new).toList();
	}

	String of(HttpServletRequest request) {
		String peer = request.getRemoteAddr();
		if (!isTrusted(peer)) {
			return peer;
		}
		// Several headers count as one comma-separated list, in order.
		List<String> hops = java.util.Collections.list(request.getHeaders("X-Forwarded-For"))
			.stream()
			.flatMap(h -> java.util.Arrays.stream(h.split(",")))
			.map(String::strip)
			.filter(StringUtils::hasText)
			.toList();
		for (int i = hops.size() - 1; i >= 0; i--) {
			String hop = hops.get(i);
			if (!isTrusted(hop)) {
				return hop;
			}
		}
		return hops.isEmpty() ? peer : hops.get(0);
	}

	private boolean isTrusted(String address) {
		if (!isIpLiteral(address)) {
			// Never hand a forged host name to InetAddress: it would cost a DNS lookup.
			return false;
		}
		for (IpAddressMatcher matcher : trusted) {
			try {
				if (matcher.matches(address)) {
					return true;
				}
			}
			catch (IllegalArgumentException ex) {
				return false;
			}
		}
		return false;
	}

	static boolean isIpLiteral(String value) {
		if (value == null || value.isEmpty() || value.length() > 45) {
			return false;
		}
		boolean colon = value.indexOf(':') >= 0;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			boolean ok = Character.isDigit(c) || c == '.' || (colon && (c == ':' || Character.digit(c, 16) >= 0));
			if (!ok) {
				return false;
			}
		}
		return true;
	}

}
