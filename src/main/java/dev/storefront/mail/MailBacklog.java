package dev.storefront.mail;

import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

import dev.storefront.jobs.JobState;
import dev.storefront.jobs.Queues;

/**
 * The bound on welcome mails waiting to be sent, and the {@code storefront.mail.backlog{queue}}
 * gauges. The bound is checked before each welcome mail is added (one pipelined read of the queue's
 * counts), so concurrent registrations can overshoot it by at most their number: it is a ceiling on
 * memory and delay, not an exact count.
 */
class MailBacklog implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(MailBacklog.class);

	private final Queues queues;

	private final MailSettings settings;

	private final MailMetrics metrics;

	private ScheduledExecutorService scheduler;

	MailBacklog(Queues queues, MailSettings settings, MailMetrics metrics) {
		this.queues = queues;
		this.settings = settings;
		this.metrics = metrics;
	}

	/** Whether one more welcome mail may be added; refreshes the welcome queue's gauge. */
	boolean admitsWelcome() {
		return refresh(settings.welcomeQueue()) < settings.maxWelcomeBacklog();
	}

	/** The mails of {@code queue} not sent yet and not running: waiting, prioritized, delayed, paused. */
	long refresh(String queue) {
		Map<JobState, Long> counts = queues.counts(queue);
		long backlog = counts.getOrDefault(JobState.WAITING, 0L) + counts.getOrDefault(JobState.PRIORITIZED, 0L)
				+ counts.getOrDefault(JobState.DELAYED, 0L) + counts.getOrDefault(JobState.PAUSED, 0L);
		metrics.backlog(queue, backlog);
		return backlog;
	}

	private void refreshAll() {
		try {
			refresh(MailTriggers.QUEUE);
			refresh(settings.welcomeQueue());
		}
		catch (RuntimeException ex) {
			log.debug("Mail backlog not refreshed: {}", ex.toString());
		}
	}

	@Override
	public void start() {
		scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
			Thread thread = new Thread(task, "mail-backlog");
			thread.setDaemon(true);
			return thread;
		});
		long every = Math.max(100, settings.backlogRefresh().toMillis());
		scheduler.scheduleWithFixedDelay(this::refreshAll, 0, every, TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		scheduler.shutdownNow();
	}

	@Override
	public boolean isRunning() {
		return scheduler != null && !scheduler.isShutdown();
	}

}
