package dev.storefront.mail;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Transactional mail.
 *
 * @param from the sender address
 * @param shopName the name mails are signed with
 * @param baseUrl the public URL of the shop, for links in mails
 */
@ConfigurationProperties("storefront.mail")
record MailSettings(@DefaultValue("shop@storefront.dev") String from, @DefaultValue("Storefront") String shopName,
		@DefaultValue("http://localhost:8080") String baseUrl) {
}
