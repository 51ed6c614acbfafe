package dev.storefront.mail;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

import dev.storefront.jobs.Queues;
import dev.storefront.user.UserContacts;

/**
 * Two queues, one handler each: order mails on {@code email}, welcome mails on their own queue
 * ({@code storefront.mail.welcome-queue}), so that a flood of registrations never delays an order mail.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MailSettings.class)
class MailConfiguration {

	@Bean
	MailMetrics mailMetrics(MeterRegistry registry) {
		return new MailMetrics(registry);
	}

	@Bean
	MailBacklog mailBacklog(Queues queues, MailSettings settings, MailMetrics metrics) {
		return new MailBacklog(queues, settings, metrics);
	}

	@Bean
	EmailHandler orderMailHandler(JavaMailSender sender, MailComposer composer, UserContacts contacts,
			MailSettings settings, Queues queues, MailMetrics metrics) {
		return new EmailHandler(MailTriggers.QUEUE, sender, composer, contacts, settings, queues, metrics);
	}

	@Bean
	EmailHandler welcomeMailHandler(JavaMailSender sender, MailComposer composer, UserContacts contacts,
			MailSettings settings, Queues queues, MailMetrics metrics) {
		return new EmailHandler(settings.welcomeQueue(), sender, composer, contacts, settings, queues, metrics);
	}

}
