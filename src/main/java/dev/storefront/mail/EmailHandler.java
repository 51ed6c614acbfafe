package dev.storefront.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

import dev.storefront.jobs.Job;
import dev.storefront.jobs.JobContext;
import dev.storefront.jobs.JobHandler;
import dev.storefront.jobs.Queues;
import dev.storefront.jobs.UnrecoverableJobException;
import dev.storefront.user.UserContacts;

/**
 * Sends the mails of one mail queue over SMTP. An unreachable SMTP server fails the attempt, which the
 * queue retries with a capped exponential backoff; a vanished user fails the job for good. A mail
 * whose last attempt fails is counted in {@code storefront.mail.failed{kind}}, once, on the instance
 * that ran that attempt.
 */
class EmailHandler implements JobHandler {

	private static final Logger log = LoggerFactory.getLogger(EmailHandler.class);

	private final String queue;

	private final JavaMailSender sender;

	private final MailComposer composer;

	private final UserContacts contacts;

	private final MailSettings settings;

	private final Queues queues;

	private final MailMetrics metrics;

	EmailHandler(String queue, JavaMailSender sender, MailComposer composer, UserContacts contacts,
			MailSettings settings, Queues queues, MailMetrics metrics) {
		this.queue = queue;
		this.sender = sender;
		this.composer = composer;
		this.contacts = contacts;
		this.settings = settings;
		this.queues = queues;
		this.metrics = metrics;
	}

	@Override
	public String queue() {
		return queue;
	}

	@Override
	public Object process(JobContext job) throws MessagingException {
		try {
			return send(job);
		}
		catch (UnrecoverableJobException ex) {
			metrics.failed(job.name());
			throw ex;
		}
		catch (MessagingException | RuntimeException ex) {
			if (lastAttempt(job)) {
				metrics.failed(job.name());
			}
			throw ex;
		}
	}

	private Object send(JobContext job) throws MessagingException {
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

	private boolean lastAttempt(JobContext job) {
		try {
			return queues.job(queue, job.id()).map(Job::attempts).map(attempts -> job.attemptsMade() + 1 >= attempts)
				.orElse(false);
		}
		catch (RuntimeException ex) {
			// Redis is down: the outcome cannot be reported either, so this attempt runs again.
			return false;
		}
	}

}
