package dev.storefront.notifications;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;

/**
 * The socket side of one SSE response, written with Servlet non-blocking I/O: frames wait in a bounded
 * per-connection outbox and are written only while the container says the socket takes them
 * ({@link ServletOutputStream#isReady()}); the rest is written from {@link #onWritePossible()} when the
 * client reads again. No thread ever waits for a client, so a client that stops reading delays no one.
 * <p>
 * A client is dropped (its response completed) when its outbox would pass {@code maxBytes}, or when the
 * socket has refused writes for longer than the send time limit ({@link #stalledLongerThan}, checked by
 * {@link SseConnections}). The message is never dropped for the others: each connection has its own outbox.
 */
final class SseStream implements SseOutput, WriteListener, AsyncListener {

	private final AsyncContext async;

	private final ServletOutputStream out;

	private final long maxBytes;

	private final Runnable onDropped;

	private final ArrayDeque<byte[]> pending = new ArrayDeque<>();

	private long pendingBytes;

	private boolean unflushed;

	/** {@link System#nanoTime()} when the socket last refused a write that is still waiting; 0 when none. */
	private long stalledSince;

	private boolean closed;

	private Runnable onEnd = () -> {
	};

	/**
	 * @param onDropped called once when this stream is dropped for not reading (metrics)
	 */
	SseStream(AsyncContext async, ServletOutputStream out, long maxBytes, Runnable onDropped) {
		this.async = async;
		this.out = out;
		this.maxBytes = maxBytes;
		this.onDropped = onDropped;
	}

	/** What to run when the response has ended, however it ended (the registry forgets the connection). */
	void onEnd(Runnable onEnd) {
		this.onEnd = onEnd;
	}

	@Override
	public synchronized boolean offer(String frame) {
		if (closed) {
			return false;
		}
		byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
		if (pendingBytes + bytes.length > maxBytes) {
			drop();
			return false;
		}
		pending.add(bytes);
		pendingBytes += bytes.length;
		drain();
		return !closed;
	}

	/** Whether a write has been waiting for the client for longer than {@code nanos}. */
	synchronized boolean stalledLongerThan(long nanos) {
		return !closed && stalledSince != 0 && System.nanoTime() - stalledSince > nanos;
	}

	/** Drops a client that stopped reading. */
	synchronized void drop() {
		if (!closed) {
			onDropped.run();
			close();
		}
	}

	@Override
	public synchronized void close() {
		if (closed) {
			return;
		}
		closed = true;
		pending.clear();
		pendingBytes = 0;
		try {
			async.complete();
		}
		catch (IllegalStateException ex) {
			// Already completed by the container (timeout, error).
		}
	}

	/** Writes while the socket takes it; called under the lock, from whichever thread offered or was woken. */
	private void drain() {
		try {
			while (!closed && out.isReady()) {
				byte[] next = pending.poll();
				if (next == null) {
					if (!unflushed) {
						stalledSince = 0;
						return;
					}
					unflushed = false;
					out.flush();
					continue;
				}
				pendingBytes -= next.length;
				out.write(next);
				unflushed = true;
			}
			if (!closed && stalledSince == 0) {
				stalledSince = System.nanoTime();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// The client went away.
			close();
		}
	}

	@Override
	public synchronized void onWritePossible() {
		stalledSince = 0;
		drain();
	}

	@Override
	public void onError(Throwable error) {
		close();
	}

	@Override
	public void onComplete(AsyncEvent event) {
		synchronized (this) {
			closed = true;
			pending.clear();
		}
		onEnd.run();
	}

	@Override
	public void onTimeout(AsyncEvent event) {
		close();
	}

	@Override
	public void onError(AsyncEvent event) {
		close();
	}

	@Override
	public void onStartAsync(AsyncEvent event) {
	}

}
