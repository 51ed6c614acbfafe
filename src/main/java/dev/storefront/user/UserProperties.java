package dev.storefront.user;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The first administrator. Both values come from the environment in production
 * ({@code STOREFRONT_ADMIN_EMAIL}, {@code STOREFRONT_ADMIN_PASSWORD}); there is no default password.
 *
 * @param email login of the administrator account created at startup when missing
 * @param password its initial password; without one no administrator is created
 */
@ConfigurationProperties("storefront.admin")
record UserProperties(String email, String password) {
}
