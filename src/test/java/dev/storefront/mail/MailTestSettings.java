package dev.storefront.mail;

import java.time.Duration;

/** The shipped mail settings, for tests that build the mail beans themselves. */
final class MailTestSettings {

	private MailTestSettings() {
	}

	static MailSettings defaults() {
		return new MailSettings("shop@storefront.dev", "Storefront", "http://localhost:8080", "email-welcome", 1000,
				Duration.ofSeconds(5), 40, 80);
	}

}
