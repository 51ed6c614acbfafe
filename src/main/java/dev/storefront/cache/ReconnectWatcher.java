package dev.storefront.cache;

import java.util.concurrent.atomic.AtomicBoolean;

import io.lettuce.core.event.connection.ConnectionActivatedEvent;
import io.lettuce.core.event.connection.ReconnectAttemptEvent;
import io.lettuce.core.resource.ClientResources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;

/**
 * Clears L1 when a dropped Redis connection comes back (a reconnect attempt followed by an
 * activation; dedicated connections opened and closed on purpose do not count): invalidations
 * published while this instance was disconnected were lost.
 */
final class ReconnectWatcher implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(ReconnectWatcher.class);

	private final AtomicBoolean dropped = new AtomicBoolean();

	private final Disposable subscription;

	ReconnectWatcher(ClientResources resources, Invalidations invalidations) {
		this.subscription = resources.eventBus().get().subscribe(event -> {
			if (event instanceof ReconnectAttemptEvent) {
				dropped.set(true);
			}
			else if (event instanceof ConnectionActivatedEvent && dropped.compareAndSet(true, false)) {
				log.info("Redis reconnected; clearing L1");
				invalidations.clearAllLocal();
			}
		});
	}

	@Override
	public void close() {
		subscription.dispose();
	}

}
