package dev.storefront.jobs;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Wakes idle workers of a queue when jobs arrive: at once for jobs added on this instance, through the
 * queue's {@code added} event for jobs added elsewhere. Between wakeups workers poll slowly.
 */
@Component
class Wakeups {

	private final Map<String, Signal> signals = new ConcurrentHashMap<>();

	Signal of(String queue) {
		return signals.computeIfAbsent(queue, q -> new Signal());
	}

	void wake(String queue) {
		Signal signal = signals.get(queue);
		if (signal != null) {
			signal.raise();
		}
	}

	/** A flag that a waiter consumes; raising it before the wait makes the wait return at once. */
	static final class Signal {

		private boolean raised;

		synchronized void raise() {
			raised = true;
			notifyAll();
		}

		/** Waits until raised or {@code millis} passed, and clears the flag. */
		synchronized void await(long millis) throws InterruptedException {
			long deadline = System.currentTimeMillis() + millis;
			long left = millis;
			while (!raised && left > 0) {
				wait(left);
				left = deadline - System.currentTimeMillis();
			}
			raised = false;
		}

	}

}
