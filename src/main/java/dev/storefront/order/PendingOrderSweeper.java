package dev.storefront.order;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import dev.storefront.locking.DistributedLocks;
import dev.storefront.locking.LockServiceUnavailable;
import dev.storefront.web.StoreFailures;

/**
 * Every {@code storefront.orders.sweep-interval}, cancels PENDING orders older than the pending TTL, in
 * batches. One instance sweeps at a time (lock {@code job:expire-pending-orders}); the lock only saves work:
 * {@code FOR UPDATE SKIP LOCKED} and the conditional transition keep two sweepers correct, so while Redis is
 * down every instance sweeps without it.
 */
@Component
class PendingOrderSweeper implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(PendingOrderSweeper.class);

	static final String LOCK = "job:expire-pending-orders";

	/** A bound on one round, so a huge backlog cannot keep one instance busy past the next round. */
	private static final int MAX_BATCHES_PER_ROUND = 50;

	private final OrderExpiry expiry;

	private final DistributedLocks locks;

	private final OrderProperties properties;

	private final Clock clock;

	private final Counter expired;

	private ScheduledExecutorService scheduler;

	PendingOrderSweeper(OrderExpiry expiry, DistributedLocks locks, OrderProperties properties, MeterRegistry meters) {
		this.expiry = expiry;
		this.locks = locks;
		this.properties = properties;
		this.clock = Clock.systemUTC();
		this.expired = Counter.builder("storefront.orders.expired")
			.description("Unpaid orders cancelled by the pending TTL")
			.register(meters);
	}

	/**
	 * One round: sweep under the job lock, skip if another instance holds it, sweep without it if Redis
	 * cannot be asked.
	 * @return orders locked for expiry in this round (0 if another instance swept)
	 */
	int runOnce() {
		int[] swept = { 0 };
		try {
			locks.runIfFree(LOCK, () -> swept[0] = sweep());
		}
		catch (LockServiceUnavailable ex) {
			log.warn("Lock service unavailable; sweeping expired orders without the job lock");
			swept[0] = sweep();
		}
		return swept[0];
	}

	/** Expires every order past the TTL now, batch by batch. */
	int sweep() {
		Instant cutoff = OrderExpiry.cutoff(clock, properties.pendingTtl());
		int total = 0;
		for (int i = 0; i < MAX_BATCHES_PER_ROUND; i++) {
			int batch = expiry.expireBatch(cutoff, properties.sweepBatch());
			total += batch;
			if (batch < properties.sweepBatch()) {
				break;
			}
		}
		expired.increment(total);
		return total;
	}

	private void round() {
		try {
			runOnce();
		}
		catch (RuntimeException ex) {
			if (StoreFailures.isUnavailable(ex)) {
				log.warn("Expired order sweep skipped, a store is unavailable: {}", ex.getMessage());
			}
			else {
				log.error("Expired order sweep failed", ex);
			}
		}
	}

	@Override
	public synchronized void start() {
		if (scheduler != null) {
			return;
		}
		scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "pending-order-sweeper");
			thread.setDaemon(true);
			return thread;
		});
		long period = properties.sweepInterval().toMillis();
		scheduler.scheduleWithFixedDelay(this::round, period, period, TimeUnit.MILLISECONDS);
	}

	@Override
	public synchronized void stop() {
		if (scheduler == null) {
			return;
		}
		// Graceful: a running batch finishes (its transaction commits or rolls back), no new one starts.
		scheduler.shutdown();
		try {
			if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
				scheduler.shutdownNow();
			}
		}
		catch (InterruptedException ex) {
			scheduler.shutdownNow();
			Thread.currentThread().interrupt();
		}
		scheduler = null;
	}

	@Override
	public synchronized boolean isRunning() {
		return scheduler != null;
	}

}
