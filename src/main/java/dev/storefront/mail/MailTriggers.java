package dev.storefront.mail;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import dev.storefront.jobs.Job;
import dev.storefront.jobs.JobOptions;
import dev.storefront.jobs.JobState;
import dev.storefront.jobs.Queues;
import dev.storefront.order.Order;
import dev.storefront.user.UserRegistered;

/**
 * Turns domain events into mail jobs after their transaction committed: order mails on the
 * {@code email} queue, welcome mails on their own, bounded queue ({@link MailBacklog}). The job id is the
 * reason ({@code order-confirmed:<orderId>}), so a redelivered event adds nothing; a job of that id that
 * had failed for good is retried instead, so an enqueue is never blocked by an old failure. An enqueue
 * that fails (Redis down) is handed to {@link PendingMails}, which retries until Redis returns, and is
 * rethrown so an event publication registry, when present, records it and resubmits it.
 */
@Component
class MailTriggers {

	static final String QUEUE = "email";

	private static final Logger log = LoggerFactory.getLogger(MailTriggers.class);

	private final Queues queues;

	private final PendingMails pending;

	private final MailBacklog backlog;

	private final MailMetrics metrics;

	private final MailSettings settings;

	MailTriggers(Queues queues, PendingMails pending, MailBacklog backlog, MailMetrics metrics, MailSettings settings) {
		this.queues = queues;
		this.pending = pending;
		this.backlog = backlog;
		this.metrics = metrics;
		this.settings = settings;
	}

	@ApplicationModuleListener
	void on(Order.OrderConfirmed event) {
		enqueue(new MailJob(MailJob.Kind.ORDER_CONFIRMED, event.ownerId(), event.orderId(), event.total(),
				event.currency(), lines(event.items())));
	}

	@ApplicationModuleListener
	void on(Order.OrderShipped event) {
		enqueue(new MailJob(MailJob.Kind.ORDER_SHIPPED, event.ownerId(), event.orderId(), event.total(),
				event.currency(), lines(event.items())));
	}

	@ApplicationModuleListener
	void on(UserRegistered event) {
		MailJob mail = new MailJob(MailJob.Kind.WELCOME, event.id(), null, null, null, List.of());
		boolean admitted;
		try {
			admitted = backlog.admitsWelcome();
		}
		catch (RuntimeException ex) {
			// Redis is down: the enqueue below fails too and is retried by PendingMails.
			admitted = true;
		}
		if (!admitted) {
			metrics.dropped(MailJob.Kind.WELCOME);
			log.debug("Welcome mail of user {} dropped: more than {} welcome mails wait", event.id(),
					settings.maxWelcomeBacklog());
			return;
		}
		enqueue(mail);
	}

	void enqueue(MailJob mail) {
		try {
			add(queues, queue(mail), mail);
		}
		catch (RuntimeException ex) {
			log.warn("Could not enqueue mail {}, retrying until Redis is back: {}", mail.jobId(), ex.toString());
			pending.retry(mail);
			if (pending.registryPresent()) {
				throw ex;
			}
		}
	}

	/** The queue of a mail: welcome mails have their own. */
	String queue(MailJob mail) {
		return mail.kind() == MailJob.Kind.WELCOME ? settings.welcomeQueue() : QUEUE;
	}

	/**
	 * Adds the mail; when a job of its id had failed for good, it is retried with fresh attempts
	 * ({@link Queues#retry} moves only a failed job, atomically, so two concurrent enqueues retry it once).
	 */
	static Job add(Queues queues, String queue, MailJob mail) {
		Job job = queues.add(queue, mail.kind().reason, mail, JobOptions.id(mail.jobId()).withOwner(mail.userId()));
		if (job.state() == JobState.FAILED && queues.retry(queue, job.id())) {
			log.info("Mail {} had failed ({}); enqueued again", job.globalId(), job.failedReason());
		}
		return job;
	}

	private static List<MailJob.Line> lines(List<Order.Line> items) {
		return items.stream().map(l -> new MailJob.Line(l.productId(), l.quantity(), l.unitPrice())).toList();
	}

}
