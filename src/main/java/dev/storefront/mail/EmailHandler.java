package dev.storefront.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import dev.storefront.jobs.JobContext;
import dev.storefront.jobs.JobHandler;
import dev.storefront.jobs.UnrecoverableJobException;
import dev.storefront.user.UserContacts;

/**
 * Sends the mails of the {@code email} queue over SMTP. An unreachable SMTP server fails the attempt,
 * which the queue retries with exponential backoff; a vanished user fails the job for good.
 */
@Component
class EmailHandler implements JobHandler {

	private static final Logger log = LoggerFactory.getLogger(EmailHandler.class);

	private final JavaMailSender sender;

	private final MailComposer composer;

	private final UserContacts contacts;

	private final MailSettings settings;

	EmailHandler(JavaMailSender sender, MailComposer composer, UserContacts contacts, MailSettings settings) {
		this.sender = sender;
		this.composer = composer;
		this.contacts = contacts;
		this.settings = settings;
	}

	@Override
	public String queue() {
		return MailTriggers.QUEUE;
	}

	@Override
	public Object process(JobContext job) throws MessagingException {
		MailJob mail = job.data(MailJob.class);
		UserContacts.Contact to = contacts.find(mail.userId())
			.orElseThrow(() -> new UnrecoverableJobException("user " + mail.userId() + " no longer exists"));
		MailComposer.Mail rendered = composer.compose(mail, to);
		MimeMessage message = sender.createMimeMessage();
		MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
		helper.setFrom(settings.from());
		helper.setTo(rendered.to());
		helper.setSubject(rendered.subject());
		helper.setText(rendered.text(), rendered.html());
		// Names the reason, so a duplicate after a lost SMTP acknowledgement can be recognised.
		message.setHeader("X-Storefront-Mail", job.id());
		sender.send(message);
		log.info("Mail {} sent to user {}", job.id(), mail.userId());
		return rendered.subject();
	}

}
