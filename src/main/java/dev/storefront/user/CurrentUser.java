package dev.storefront.user;

import java.util.Set;

/**
 * The authenticated caller, available to controllers as {@code @AuthenticationPrincipal CurrentUser}.
 *
 * @param id the user's id
 * @param email the login email
 * @param roles role names without the {@code ROLE_} prefix
 */
public record CurrentUser(long id, String email, Set<String> roles) {

	public boolean isAdmin() {
		return roles.contains("ADMIN");
	}

}
