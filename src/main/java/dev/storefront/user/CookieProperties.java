package dev.storefront.user;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The browser cookies ({@code SESSION}, {@code XSRF-TOKEN}).
 *
 * @param secureCookies mark both cookies {@code Secure} on every response; set it behind a TLS-terminating
 * proxy, where the request that reaches the application is plain HTTP (docs/security.md). When false, they
 * are {@code Secure} only on requests the server itself sees as HTTPS
 */
@ConfigurationProperties("storefront.session")
record CookieProperties(@DefaultValue("false") boolean secureCookies) {
}
