package dev.storefront.mail;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Transactional mail.
 *
 * @param from the sender address
 * @param shopName the name mails are signed with
 * @param baseUrl the public URL of the shop, for links in mails
 * @param welcomeQueue the job queue of welcome mails. Order mails have the {@code email} queue to
 * themselves, so a registration flood never delays them, never uses their rate limit and never trims
 * the completed ids that dedupe them
 * @param maxWelcomeBacklog the most welcome mails waiting to be sent (waiting, prioritized and
 * delayed); a registration beyond it sends no welcome mail (counted in
 * {@code storefront.mail.dropped}). Order mails are never dropped
 * @param backlogRefresh how often the {@code storefront.mail.backlog} gauges are refreshed from Redis
 * (a scrape never reaches Redis)
 * @param maxNameLength the longest recipient name put into a mail; longer names are cut (the name is
 * the user's own text: it is also HTML-escaped and stripped of control characters)
 * @param maxProductNameLength the longest product name put into an order line
 */
@ConfigurationProperties("storefront.mail")
record MailSettings(@DefaultValue("shop@storefront.dev") String from, @DefaultValue("Storefront") String shopName,
		@DefaultValue("http://localhost:8080") String baseUrl, @DefaultValue("email-welcome") String welcomeQueue,
		@DefaultValue("1000") int maxWelcomeBacklog, @DefaultValue("5s") Duration backlogRefresh,
		@DefaultValue("40") int maxNameLength, @DefaultValue("80") int maxProductNameLength) {

	MailSettings {
		if (maxWelcomeBacklog < 0 || maxNameLength < 1 || maxProductNameLength < 1) {
			throw new IllegalArgumentException("mail limits must be positive");
		}
	}

	/** The same settings with another welcome queue and bound (tests). */
	MailSettings withWelcomeQueue(String queue, int maxBacklog) {
		return new MailSettings(from, shopName, baseUrl, queue, maxBacklog, backlogRefresh, maxNameLength,
				maxProductNameLength);
	}

}
