package dev.storefront.notifications;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One open SSE stream. While it replays what the client missed, live notifications are held back and
 * sent after the replay; an id the client already has is never sent twice, so a notification that
 * arrives both in the replay and live (or is republished after a redelivery) reaches it once.
 */
final class SseConnection {

	private final long userId;

	private final String fingerprint;

	private final SseEmitter emitter;

	private List<Notification> heldBack;

	private String lastSent;

	private boolean closed;

	/**
	 * @param lastEventId the last id the client saw, or null for a fresh stream (then nothing is held back)
	 */
	SseConnection(long userId, String fingerprint, SseEmitter emitter, String lastEventId) {
		this.userId = userId;
		this.fingerprint = fingerprint;
		this.emitter = emitter;
		this.lastSent = lastEventId;
		this.heldBack = lastEventId == null ? null : new ArrayList<>();
	}

	long userId() {
		return userId;
	}

	String fingerprint() {
		return fingerprint;
	}

	SseEmitter emitter() {
		return emitter;
	}

	/** Sends what the client missed, then what arrived live meanwhile, and goes live. */
	synchronized void replay(List<Notification> missed) throws IOException {
		for (Notification notification : missed) {
			send(notification);
		}
		List<Notification> live = heldBack == null ? List.of() : heldBack;
		heldBack = null;
		for (Notification notification : live) {
			send(notification);
		}
	}

	synchronized void deliver(Notification notification) throws IOException {
		if (heldBack != null) {
			heldBack.add(notification);
		}
		else {
			send(notification);
		}
	}

	synchronized void comment(String text) throws IOException {
		if (!closed) {
			emitter.send(SseEmitter.event().comment(text));
		}
	}

	synchronized void close() {
		if (!closed) {
			closed = true;
			emitter.complete();
		}
	}

	private void send(Notification notification) throws IOException {
		if (closed || !notification.isAfter(lastSent)) {
			return;
		}
		emitter.send(SseEmitter.event()
			.id(notification.id())
			.name(notification.type())
			.data(notification, MediaType.APPLICATION_JSON));
		lastSent = notification.id();
	}

}
