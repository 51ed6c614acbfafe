package dev.storefront.notifications;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The delivery lanes: one key's work runs in order, and a full lane refuses instead of blocking.
 */
class DeliveryExecutorTests {

	@Test
	void workForOneKeyRunsInSubmissionOrder() {
		List<Integer> seen = new CopyOnWriteArrayList<>();
		try (DeliveryExecutor executor = new DeliveryExecutor(4, 1000)) {
			IntStream.range(0, 500).forEach(i -> assertThat(executor.execute("user:1", () -> seen.add(i))).isTrue());
			await().until(() -> seen.size() == 500);
		}
		assertThat(seen).isSorted();
	}

	@Test
	void aFullLaneRefusesWork() throws InterruptedException {
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch running = new CountDownLatch(1);
		try (DeliveryExecutor executor = new DeliveryExecutor(1, 2)) {
			executor.execute("k", () -> {
				running.countDown();
				try {
					release.await(10, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			});
			assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
			assertThat(executor.execute("k", () -> { })).isTrue();
			assertThat(executor.execute("k", () -> { })).isTrue();
			assertThat(executor.execute("k", () -> { })).isFalse();
			assertThat(executor.queued()).isEqualTo(2);
			release.countDown();
		}
	}

}
