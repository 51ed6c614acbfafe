package dev.storefront.notifications;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the realtime connections ({@code /ws} and {@code /api/notifications/stream}) of this instance.
 * The caps count WebSocket and SSE connections together: both hold one Tomcat connection each, and that
 * is what they protect. They are per instance (decision 0130).
 *
 * @param perAddress open realtime connections one client address (as the rate limits resolve it) may hold
 * on this instance; one more is answered {@code 429 too-many-connections} before the upgrade
 * @param perUser open realtime connections one signed-in user may hold on this instance; one more is a
 * {@code 429} before the upgrade when the handshake is signed in, else a STOMP ERROR on {@code CONNECT}
 * @param connectTimeout how long a new WebSocket may take to complete an accepted STOMP {@code CONNECT};
 * after it the socket is closed (Spring's own default waits 60 s for any first message)
 * @param heartbeat the STOMP heart-beat the server offers in both directions ({@code heart-beat:x,x}): it
 * sends one at least this often, and closes a connection that negotiated heart-beats and stayed silent for
 * three times the negotiated interval
 * @param sendTimeLimit the longest one write to one client (WebSocket or SSE) may take before that client
 * is dropped
 * @param sendBufferSize what may wait unsent for one client; a client whose backlog would pass it is dropped
 * @param retryAfter the {@code Retry-After} of a {@code 429 too-many-connections}
 */
@ConfigurationProperties("storefront.notifications.connections")
record ConnectionProperties(@DefaultValue("100") int perAddress, @DefaultValue("10") int perUser,
		@DefaultValue("10s") Duration connectTimeout, @DefaultValue("10s") Duration heartbeat,
		@DefaultValue("5s") Duration sendTimeLimit, @DefaultValue("256KB") DataSize sendBufferSize,
		@DefaultValue("10s") Duration retryAfter) {

	ConnectionProperties {
		if (perAddress < 1 || perUser < 1) {
			throw new IllegalArgumentException("Connection caps must be at least 1");
		}
	}

}
