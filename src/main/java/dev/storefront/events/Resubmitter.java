package dev.storefront.events;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.stereotype.Component;

import dev.storefront.locking.DistributedLocks;
import dev.storefront.locking.LockServiceUnavailable;

/**
 * Sends publications again that are still incomplete {@code resubmit-after} after they were recorded:
 * their XADD failed at commit (Redis down, a wrong-typed key) or the instance died before it ran. One
 * instance at a time does this, under the lock {@code events:resubmit}; while Redis is down the lock
 * cannot be taken and the round is skipped, since every XADD would fail anyway.
 */
@Component
class Resubmitter implements SmartLifecycle {

	static final String LOCK = "events:resubmit";

	private static final Logger log = LoggerFactory.getLogger(Resubmitter.class);

	private final IncompleteEventPublications publications;

	private final DistributedLocks locks;

	private final EventsProperties properties;

	private ScheduledExecutorService scheduler;

	Resubmitter(IncompleteEventPublications publications, DistributedLocks locks, EventsProperties properties) {
		this.publications = publications;
		this.locks = locks;
		this.properties = properties;
	}

	/** One round: resubmits what is old enough, unless another instance is doing it. */
	boolean resubmit() {
		try {
			return locks.runIfFree(LOCK,
					() -> publications.resubmitIncompletePublicationsOlderThan(properties.resubmitAfter()));
		}
		catch (LockServiceUnavailable ex) {
			log.debug("Redis unavailable; incomplete publications wait for the next round");
			return false;
		}
		catch (RuntimeException ex) {
			log.warn("Resubmission round failed; retried in {}: {}", properties.resubmitInterval(), ex.toString());
			return false;
		}
	}

	@Override
	public synchronized void start() {
		scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "events-resubmitter");
			thread.setDaemon(true);
			return thread;
		});
		long interval = properties.resubmitInterval().toMillis();
		scheduler.scheduleWithFixedDelay(this::resubmit, interval, interval, TimeUnit.MILLISECONDS);
	}

	@Override
	public synchronized void stop() {
		if (scheduler != null) {
			scheduler.shutdown();
			try {
				scheduler.awaitTermination(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			scheduler = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return scheduler != null;
	}

}
