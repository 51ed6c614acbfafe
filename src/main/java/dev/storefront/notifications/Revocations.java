package dev.storefront.notifications;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.storefront.user.SessionRevoked;

/**
 * Closes a revoked session's sockets and SSE streams: here at once, and on the other instances
 * through the revocation channel.
 */
@Component
class Revocations {

	private static final Logger log = LoggerFactory.getLogger(Revocations.class);

	private final LocalDelivery delivery;

	private final Fanout fanout;

	Revocations(LocalDelivery delivery, Fanout fanout) {
		this.delivery = delivery;
		this.fanout = fanout;
	}

	@EventListener
	void on(SessionRevoked revoked) {
		String fingerprint = NotificationKeys.fingerprint(revoked.sessionId());
		delivery.closeSession(fingerprint);
		try {
			fanout.publishRevoked(fingerprint);
		}
		catch (RuntimeException ex) {
			// The session itself is gone (the revocation needed Redis too); other instances cannot be
			// told now, and their connections of that session stay open until they end or reconnect.
			log.warn("Could not fan out the revocation of a session of user {}: {}", revoked.userId(),
					ex.getMessage());
		}
	}

}
