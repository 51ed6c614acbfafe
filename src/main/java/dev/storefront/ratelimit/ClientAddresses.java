package dev.storefront.ratelimit;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The client address a request is counted under, resolved exactly as the rate limits resolve it
 * ({@code X-Forwarded-For} only from {@code storefront.ratelimit.trusted-proxies}, IPv6 clients by their
 * /64). Other modules that count per client (the realtime connection caps) use this, so one client cannot
 * be two different addresses to two different limits.
 */
public final class ClientAddresses {

	private final ClientIp clientIp;

	ClientAddresses(ClientIp clientIp) {
		this.clientIp = clientIp;
	}

	/** The counted identity of the request's client: an address, or its network (e.g. an IPv6 /64). */
	public String of(HttpServletRequest request) {
		return clientIp.subject(request);
	}

}
