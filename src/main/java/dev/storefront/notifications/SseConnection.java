package dev.storefront.notifications;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One open SSE stream. While it replays what the client missed, live notifications are held back and
 * sent after the replay; an id the client already has is never sent twice, so a notification that
 * arrives both in the replay and live (or is republished after a redelivery) reaches it once.
 * <p>
 * Frames go to the connection's own bounded {@link SseOutput}, which never blocks; a client whose output
 * refuses a frame (it stopped reading) is closed.
 */
final class SseConnection {

	private final long userId;

	private final String fingerprint;

	private final SseOutput output;

	private final Function<Notification, String> format;

	private List<Notification> heldBack;

	private String lastSent;

	private boolean closed;

	/**
	 * @param format turns a notification into its SSE frame ({@link #frame})
	 * @param lastEventId the last id the client saw, or null for a fresh stream (then nothing is held back)
	 */
	SseConnection(long userId, String fingerprint, SseOutput output, Function<Notification, String> format,
			String lastEventId) {
		this.userId = userId;
		this.fingerprint = fingerprint;
		this.output = output;
		this.format = format;
		this.lastSent = lastEventId;
		this.heldBack = lastEventId == null ? null : new ArrayList<>();
	}

	/** An SSE event: {@code id:}, {@code event:} and one {@code data:} line of JSON, then a blank line. */
	static String frame(Notification notification, String json) {
		return "id:" + notification.id() + "\nevent:" + notification.type() + "\ndata:" + json + "\n\n";
	}

	static String commentFrame(String text) {
		return ":" + text + "\n\n";
	}

	long userId() {
		return userId;
	}

	String fingerprint() {
		return fingerprint;
	}

	/** Sends what the client missed, then what arrived live meanwhile, and goes live. */
	synchronized void replay(List<Notification> missed) {
		for (Notification notification : missed) {
			send(notification, null);
		}
		List<Notification> live = heldBack == null ? List.of() : heldBack;
		heldBack = null;
		for (Notification notification : live) {
			send(notification, null);
		}
	}

	/**
	 * Sends (or holds back during a replay) one notification.
	 * @param frame the notification's frame when the caller made it once for all its connections, or null
	 */
	synchronized void deliver(Notification notification, String frame) {
		if (heldBack != null) {
			heldBack.add(notification);
		}
		else {
			send(notification, frame);
		}
	}

	synchronized void comment(String text) {
		if (!closed && !output.offer(commentFrame(text))) {
			closed = true;
		}
	}

	synchronized boolean isClosed() {
		return closed;
	}

	synchronized void close() {
		if (!closed) {
			closed = true;
			output.close();
		}
	}

	private void send(Notification notification, String frame) {
		if (closed || !notification.isAfter(lastSent)) {
			return;
		}
		if (!output.offer(frame != null ? frame : format.apply(notification))) {
			closed = true;
			return;
		}
		lastSent = notification.id();
	}

}
