package dev.storefront.notifications;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The per-instance counts behind the realtime connection caps: atomic check-and-increment, one release per
 * slot however often it is called, and keys gone at zero.
 */
class ConnectionCapsTests {

	private final ConnectionCaps caps = new ConnectionCaps(3, 2);

	@Test
	void refusesTheConnectionBeyondTheAddressCapAndTakesNothingThen() {
		for (int i = 0; i < 3; i++) {
			caps.open("10.0.0.1", null);
		}
		assertThatThrownBy(() -> caps.open("10.0.0.1", null)).isInstanceOf(ConnectionLimitReached.class)
			.satisfies(ex -> assertThat(((ConnectionLimitReached) ex).scope()).isEqualTo(ConnectionLimitReached.Scope.ADDRESS));
		assertThat(caps.ofAddress("10.0.0.1")).isEqualTo(3);
		assertThat(caps.ofAddress("10.0.0.2")).isZero();
		caps.open("10.0.0.2", null);
	}

	@Test
	void aUserAtItsCapIsRefusedAndTheAddressSlotIsGivenBack() {
		caps.open("10.0.0.1", 7L);
		caps.open("10.0.0.2", 7L);
		assertThatThrownBy(() -> caps.open("10.0.0.3", 7L))
			.satisfies(ex -> assertThat(((ConnectionLimitReached) ex).scope()).isEqualTo(ConnectionLimitReached.Scope.USER));
		assertThat(caps.ofAddress("10.0.0.3")).isZero();
	}

	@Test
	void releaseIsIdempotentAndMovesAUserOnConnect() {
		ConnectionCaps.Slot slot = caps.open("10.0.0.1", 7L);
		slot.user(8);
		assertThat(caps.ofUser(7)).isZero();
		assertThat(caps.ofUser(8)).isEqualTo(1);
		slot.release();
		slot.release();
		assertThat(caps.ofAddress("10.0.0.1")).isZero();
		assertThat(caps.ofUser(8)).isZero();
		slot.user(9);
		assertThat(caps.ofUser(9)).as("a released slot counts for no one").isZero();
	}

	@Test
	void concurrentOpeningsNeverPassTheCap() throws Exception {
		ConnectionCaps wide = new ConnectionCaps(100, 1000);
		ExecutorService threads = Executors.newFixedThreadPool(16);
		CountDownLatch start = new CountDownLatch(1);
		AtomicInteger refused = new AtomicInteger();
		ConcurrentLinkedQueue<ConnectionCaps.Slot> slots = new ConcurrentLinkedQueue<>();
		for (int i = 0; i < 300; i++) {
			threads.execute(() -> {
				try {
					start.await();
					slots.add(wide.open("10.0.0.1", null));
				}
				catch (ConnectionLimitReached ex) {
					refused.incrementAndGet();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			});
		}
		start.countDown();
		threads.shutdown();
		assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		assertThat(slots).hasSize(100);
		assertThat(refused).hasValue(200);
		List.copyOf(slots).forEach(ConnectionCaps.Slot::release);
		assertThat(wide.ofAddress("10.0.0.1")).isZero();
	}

}
