package dev.storefront.mail;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

import dev.storefront.jobs.Queues;

/**
 * Mails whose enqueue failed because Redis was down, retried every few seconds until they are in the
 * queue. In memory only: a crash loses them unless the event publication registry resubmits the event
 * (it does when Spring Modulith's JDBC registry is present). Retrying is safe: the job id dedupes.
 */
@Component
class PendingMails implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(PendingMails.class);

	private static final String REGISTRY = "org.springframework.modulith.events.core.EventPublicationRepository";

	private final Map<String, MailJob> pending = new ConcurrentHashMap<>();

	private final Queues queues;

	private final MailSettings settings;

	private final boolean registryPresent;

	private ScheduledExecutorService scheduler;

	PendingMails(Queues queues, MailSettings settings, ListableBeanFactory beans) {
		this.queues = queues;
		this.settings = settings;
		this.registryPresent = ClassUtils.isPresent(REGISTRY, getClass().getClassLoader())
				&& beans.getBeanNamesForType(ClassUtils.resolveClassName(REGISTRY, getClass().getClassLoader())).length > 0;
	}

	boolean registryPresent() {
		return registryPresent;
	}

	void retry(MailJob mail) {
		pending.put(mail.jobId(), mail);
	}

	int size() {
		return pending.size();
	}

	private void flush() {
		pending.forEach((id, mail) -> {
			try {
				MailTriggers.add(queues, mail.kind() == MailJob.Kind.WELCOME ? settings.welcomeQueue() : MailTriggers.QUEUE,
						mail);
				pending.remove(id);
				log.info("Mail {} enqueued after Redis came back", id);
			}
			catch (RuntimeException ex) {
				// Still down: try again next round.
			}
		});
	}

	@Override
	public void start() {
		scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
			Thread thread = new Thread(task, "mail-pending");
			thread.setDaemon(true);
			return thread;
		});
		scheduler.scheduleWithFixedDelay(this::flush, 2, 2, TimeUnit.SECONDS);
	}

	@Override
	public void stop() {
		scheduler.shutdownNow();
		if (!pending.isEmpty()) {
			log.warn("{} mails were not enqueued before shutdown", pending.size());
		}
	}

	@Override
	public boolean isRunning() {
		return scheduler != null && !scheduler.isShutdown();
	}

}
