package dev.storefront.user;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The bootstrap administrator. Both values come from the environment in production
 * ({@code STOREFRONT_ADMIN_EMAIL}, {@code STOREFRONT_ADMIN_PASSWORD}); there is no default password.
 *
 * @param email login of the administrator account created at startup when missing; an existing account
 * with this email that is not an administrator is left alone (it could have been registered by anyone)
 * @param password its initial password; without one no administrator is created
 * @param promote an existing account to grant ADMIN at startup, named explicitly by the operator (one-shot:
 * remove it after the start that applied it); refused unless {@code password} is set as well, so the same
 * people who control the bootstrap administrator make the grant
 */
@ConfigurationProperties("storefront.admin")
record UserProperties(@Nullable String email, @Nullable String password, @Nullable String promote) {
}
