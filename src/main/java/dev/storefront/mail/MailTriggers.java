package dev.storefront.mail;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import dev.storefront.jobs.JobOptions;
import dev.storefront.jobs.Queues;
import dev.storefront.order.Order;
import dev.storefront.user.UserRegistered;

/**
 * Turns domain events into {@code email} jobs after their transaction committed. The job id is the
 * reason ({@code order-confirmed:<orderId>}), so a redelivered event adds nothing. An enqueue that
 * fails (Redis down) is handed to {@link PendingMails}, which retries until Redis returns, and is
 * rethrown so an event publication registry, when present, records it and resubmits it.
 */
@Component
class MailTriggers {

	static final String QUEUE = "email";

	private static final Logger log = LoggerFactory.getLogger(MailTriggers.class);

	private final Queues queues;

	private final PendingMails pending;

	MailTriggers(Queues queues, PendingMails pending) {
		this.queues = queues;
		this.pending = pending;
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
		enqueue(new MailJob(MailJob.Kind.WELCOME, event.id(), null, null, null, List.of()));
	}

	void enqueue(MailJob mail) {
		try {
			add(queues, mail);
		}
		catch (RuntimeException ex) {
			log.warn("Could not enqueue mail {}, retrying until Redis is back: {}", mail.jobId(), ex.toString());
			pending.retry(mail);
			if (pending.registryPresent()) {
				throw ex;
			}
		}
	}

	static void add(Queues queues, MailJob mail) {
		queues.add(QUEUE, mail.kind().reason, mail, JobOptions.id(mail.jobId()).withOwner(mail.userId()));
	}

	private static List<MailJob.Line> lines(List<Order.Line> items) {
		return items.stream().map(l -> new MailJob.Line(l.productId(), l.quantity(), l.unitPrice())).toList();
	}

}
