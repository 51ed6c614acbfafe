package dev.storefront.notifications;

import java.security.Principal;

import dev.storefront.user.CurrentUser;

/**
 * Who a STOMP connection belongs to. The name is the user id, which is what user destinations
 * ({@code /user/queue/notifications}) resolve against.
 *
 * @param fingerprint the fingerprint of the login session the connection was opened with
 */
record StompPrincipal(CurrentUser user, String fingerprint) implements Principal {

	@Override
	public String getName() {
		return String.valueOf(user.id());
	}

}
