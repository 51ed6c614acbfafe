package dev.storefront.order;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.storefront.locking.DistributedLocks;
import dev.storefront.support.Api;
import dev.storefront.support.IntegrationTest;
import dev.storefront.support.ProductFixtures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may pay and cancel is decided before the per-order lock is taken, and only the owner pays.
 */
@IntegrationTest
class OrderAccessIntegrationTests {

	@Autowired
	DistributedLocks locks;

	private final ExecutorService holder = Executors.newSingleThreadExecutor();

	private final CountDownLatch release = new CountDownLatch(1);

	@Autowired
	private Api api;

	private ProductFixtures catalog;

	@BeforeEach
	void setUp() {
		catalog = new ProductFixtures(api);
	}

	@AfterEach
	void tearDown() {
		release.countDown();
		holder.shutdown();
	}

	@Test
	void aStrangerGetsAnImmediate404WhileTheOrdersLockIsHeldAndTakesNoLock() throws Exception {
		Api.Session owner = api.newUser();
		Api.Session stranger = api.newUser();
		long orderId = place(owner);
		holdLock(SerializedOrderActions.resource(orderId));

		long started = System.nanoTime();
		api.post("/api/orders/" + orderId + "/pay", null).as(stranger).send().expect(404);
		api.post("/api/orders/" + orderId + "/cancel", null).as(stranger).send().expect(404);
		api.post("/api/orders/999999999/pay", null).as(stranger).send().expect(404);

		// The lock wait is 5 s: a caller that queued for the lock would have waited and then got 409.
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
	}

	@Test
	void anAdministratorMayCancelButNotPayAnotherUsersOrder() {
		Api.Session owner = api.newUser();
		Api.Session admin = api.admin();
		long orderId = place(owner);

		Api.Response refused = api.post("/api/orders/" + orderId + "/pay", null).as(admin).send().expect(403);
		assertThat(refused.json().get("type").asString()).endsWith("/not-order-owner");
		assertThat(api.get("/api/orders/" + orderId).as(owner).send().json().get("status").asString()).isEqualTo("PENDING");

		api.post("/api/orders/" + orderId + "/cancel", null).as(admin).send().expect(200);
	}

	@Test
	void theOwnerPays() {
		Api.Session owner = api.newUser();
		long orderId = place(owner);

		assertThat(api.post("/api/orders/" + orderId + "/pay", null).as(owner).send().expect(200).json().get("status")
			.asString()).isEqualTo("CONFIRMED");
	}

	private void holdLock(String resource) throws InterruptedException {
		CountDownLatch held = new CountDownLatch(1);
		// Redisson locks are reentrant per thread: hold it from another one.
		holder.submit(() -> {
			locks.withLock(resource, Duration.ofSeconds(5), () -> {
				held.countDown();
				try {
					release.await(30, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			});
		});
		assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
	}

	private long place(Api.Session buyer) {
		long product = catalog.product("4.00", 10);
		return api.post("/api/orders", Map.of("items", List.of(Map.of("productId", product, "quantity", 1))))
			.as(buyer).send().expect(201).json().get("id").asLong();
	}

}
