package dev.storefront.notifications;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

/**
 * The non-blocking outbox of one SSE response, on an output stream whose socket takes data only when the
 * test says so (a client that stops reading, then reads again).
 */
class SseStreamTests {

	private final Socket socket = new Socket();

	private final AsyncContext async = mock(AsyncContext.class);

	private final AtomicInteger dropped = new AtomicInteger();

	private final SseStream stream = new SseStream(async, socket, 100, dropped::incrementAndGet);

	@Test
	void writesAtOnceWhileTheSocketTakesData() {
		assertThat(stream.offer("a")).isTrue();
		assertThat(stream.offer("b")).isTrue();
		assertThat(socket.written()).isEqualTo("ab");
		assertThat(socket.flushes).isPositive();
	}

	@Test
	void aClientThatStopsReadingQueuesUpToItsBufferThenIsDroppedWithoutBlocking() {
		socket.ready = false;
		long started = System.nanoTime();
		for (int i = 0; i < 10; i++) {
			assertThat(stream.offer("x".repeat(10))).isTrue();
		}
		assertThat(stream.offer("y")).as("101st byte: over the buffer").isFalse();
		assertThat(System.nanoTime() - started).isLessThan(TimeUnit.MILLISECONDS.toNanos(500));
		assertThat(dropped).hasValue(1);
		verify(async).complete();
		assertThat(stream.offer("z")).isFalse();
	}

	@Test
	void queuedFramesAreWrittenInOrderWhenTheClientReadsAgain() {
		socket.ready = false;
		stream.offer("1");
		stream.offer("2");
		assertThat(socket.written()).isEmpty();
		socket.ready = true;
		stream.onWritePossible();
		assertThat(socket.written()).isEqualTo("12");
	}

	@Test
	void aWriteWaitingLongerThanTheSendTimeLimitIsReportedStalled() {
		socket.ready = false;
		stream.offer("1");
		assertThat(stream.stalledLongerThan(0)).isTrue();
		assertThat(stream.stalledLongerThan(TimeUnit.SECONDS.toNanos(60))).isFalse();
		socket.ready = true;
		stream.onWritePossible();
		assertThat(stream.stalledLongerThan(0)).isFalse();
	}

	/** A socket that takes data only while {@code ready}. */
	private static final class Socket extends ServletOutputStream {

		private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

		boolean ready = true;

		int flushes;

		@Override
		public boolean isReady() {
			return ready;
		}

		@Override
		public void setWriteListener(WriteListener listener) {
		}

		@Override
		public void write(int b) {
			if (!ready) {
				throw new IllegalStateException("Written while not ready");
			}
			bytes.write(b);
		}

		@Override
		public void flush() {
			flushes++;
		}

		String written() {
			return bytes.toString(StandardCharsets.UTF_8);
		}

	}

}
