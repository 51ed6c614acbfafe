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

	private final int ipv4Prefix;

	private final int ipv6Prefix;

	ClientIp(List<String> trustedProxies) {
		this(trustedProxies, 32, 64);
	}

	ClientIp(List<String> trustedProxies, int ipv4Prefix, int ipv6Prefix) {
		this.trusted = trustedProxies.stream().filter(StringUtils::hasText).map(IpAddressMatcher::new).toList();
		this.ipv4Prefix = ipv4Prefix;
		this.ipv6Prefix = ipv6Prefix;
	}

	/**
	 * The identity a client is counted under: its address's network, {@code 2001:db8:1:2:0:0:0:0/64} for
	 * any address of that IPv6 /64 (a host there picks new addresses at will), the address itself for IPv4
	 * unless configured otherwise. IPv4-mapped IPv6 addresses count as IPv4.
	 */
	String subject(HttpServletRequest request) {
		return network(of(request));
	}

	String network(String address) {
		if (!isIpLiteral(address)) {
			return address;
		}
		byte[] bytes;
		try {
			// A literal (checked above) is parsed, never looked up.
			bytes = java.net.InetAddress.getByName(address).getAddress();
		}
		catch (java.net.UnknownHostException ex) {
			return address;
		}
		int prefix = bytes.length == 4 ? ipv4Prefix : ipv6Prefix;
		if (prefix >= bytes.length * 8) {
			return format(bytes);
		}
		for (int bit = prefix; bit < bytes.length * 8; bit++) {
			bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
		}
		return format(bytes) + "/" + prefix;
	}

	private static String format(byte[] bytes) {
		try {
			return java.net.InetAddress.getByAddress(bytes).getHostAddress();
		}
		catch (java.net.UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
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
