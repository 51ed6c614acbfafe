package dev.storefront.order;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;

import dev.storefront.catalog.InsufficientStock;
import dev.storefront.locking.DistributedLocks;
import dev.storefront.support.Api;
import dev.storefront.support.IntegrationTest;
import dev.storefront.support.ProductFixtures;
import dev.storefront.user.CurrentUser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-order lock saves work; the conditional updates keep orders and stock right even when the
 * lock fails to exclude anyone.
 */
@IntegrationTest
class OrderLockingIntegrationTests {

	@Autowired
	OrderService orders;

	@Autowired
	DistributedLocks locks;

	@Autowired
	ConfigurableApplicationContext context;

	@Autowired
	private Api api;

	private ProductFixtures catalog;

	private final List<Order.OrderConfirmed> confirmed = new CopyOnWriteArrayList<>();

	// Raw ApplicationEvent: Modulith's multicaster hands every event to a lambda whose generic type is erased.
	private final ApplicationListener<ApplicationEvent> recorder = event -> {
		if (event instanceof PayloadApplicationEvent<?> payload && payload.getPayload() instanceof Order.OrderConfirmed confirmation) {
			confirmed.add(confirmation);
		}
	};

	private final ExecutorService pool = Executors.newFixedThreadPool(100);

	@BeforeEach
	void setUp() {
		catalog = new ProductFixtures(api);
		// Added at runtime, so the shared context (and its cache key) stays as it is.
		context.addApplicationListener(recorder);
	}

	@AfterEach
	void tearDown() {
		context.removeApplicationListener(recorder);
		pool.shutdownNow();
	}

	@Test
	void hundredConcurrentPaymentsOfOneOrderPayItExactlyOnce() throws Exception {
		long product = catalog.product("9.99", 10);
		Api.Session buyer = api.newUser();
		long orderId = place(buyer, product, 2);

		CountDownLatch start = new CountDownLatch(1);
		List<Future<Api.Response>> calls = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			calls.add(pool.submit(() -> {
				start.await();
				return api.post("/api/orders/" + orderId + "/pay", null).as(buyer).send();
			}));
		}
		start.countDown();
		List<Api.Response> responses = new ArrayList<>();
		for (Future<Api.Response> call : calls) {
			responses.add(call.get(60, TimeUnit.SECONDS));
		}

		assertThat(responses).filteredOn(r -> r.status() == 200).hasSize(1);
		// The rest waited for the lock and then found the order paid (409 illegal-transition), or gave up
		// waiting (409 resource-busy). On an overloaded machine a Redis call may also time out: that is an
		// explicit 503, never a 500 and never a second payment.
		assertThat(responses).filteredOn(r -> r.status() != 200).allSatisfy(r -> assertThat(
				r.status() + " " + r.json().get("type").asString())
			.matches("409 .*/(illegal-transition|resource-busy)|503 .*/(lock-service-unavailable|store-unavailable)"));
		assertThat(responses).filteredOn(r -> r.body().contains("illegal-transition")).isNotEmpty();
		assertThat(confirmed).filteredOn(e -> e.orderId() == orderId).hasSize(1);
		assertThat(api.get("/api/orders/" + orderId).as(buyer).send().expect(200).json().get("status").asString())
			.isEqualTo("CONFIRMED");
		assertThat(catalog.stock(product)).isEqualTo(8);
	}

	@Test
	void aLapsedLeaseCannotCancelAnOrderTwiceNorReturnItsStockTwice() throws Exception {
		long product = catalog.product("5.00", 10);
		Api.Session buyer = api.newUser();
		long orderId = place(buyer, product, 3);
		assertThat(catalog.stock(product)).isEqualTo(7);
		CurrentUser user = new CurrentUser(buyer.userId(), buyer.email(), Set.of("USER"));

		List<Object> outcomes = bothInsideOneLapsedLock("order:" + orderId, () -> orders.cancel(orderId, user));

		assertThat(outcomes).filteredOn(Order.class::isInstance).hasSize(1);
		assertThat(outcomes).filteredOn(IllegalOrderTransition.class::isInstance).hasSize(1);
		assertThat(catalog.stock(product)).isEqualTo(10);
	}

	@Test
	void aLapsedLeaseCannotPayAnOrderTwice() throws Exception {
		long product = catalog.product("5.00", 10);
		Api.Session buyer = api.newUser();
		long orderId = place(buyer, product, 1);
		CurrentUser user = new CurrentUser(buyer.userId(), buyer.email(), Set.of("USER"));

		List<Object> outcomes = bothInsideOneLapsedLock("order:" + orderId, () -> orders.pay(orderId, user));

		assertThat(outcomes).filteredOn(Order.class::isInstance).hasSize(1);
		assertThat(outcomes).filteredOn(IllegalOrderTransition.class::isInstance).hasSize(1);
		assertThat(confirmed).filteredOn(e -> e.orderId() == orderId).hasSize(1);
	}

	@Test
	void aLapsedLeaseCannotOversellTheLastUnit() throws Exception {
		long product = catalog.product("5.00", 1);
		Api.Session first = api.newUser();
		Api.Session second = api.newUser();
		List<Api.Session> buyers = new CopyOnWriteArrayList<>(List.of(first, second));
		OrderRequest oneUnit = new OrderRequest(List.of(new OrderRequest.Item(product, 1)));

		List<Object> outcomes = bothInsideOneLapsedLock("product:" + product,
				() -> orders.place(buyers.remove(0).userId(), oneUnit, null));

		assertThat(outcomes).filteredOn(OrderService.Placement.class::isInstance).hasSize(1);
		assertThat(outcomes).filteredOn(InsufficientStock.class::isInstance).hasSize(1);
		assertThat(catalog.stock(product)).isZero();
	}

	/**
	 * Two callers take the same lock with a tiny lease and no watchdog. The first waits inside until the
	 * second is inside too, which is only possible once the first lease has lapsed; then both act at once.
	 */
	private List<Object> bothInsideOneLapsedLock(String resource, java.util.function.Supplier<Object> action)
			throws Exception {
		CyclicBarrier bothInside = new CyclicBarrier(2);
		List<Future<Object>> callers = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			callers.add(pool.submit(() -> locks.withLease(resource, Duration.ofSeconds(10), Duration.ofMillis(200),
					() -> {
						try {
							bothInside.await(10, TimeUnit.SECONDS);
							return action.get();
						}
						catch (RuntimeException ex) {
							return ex;
						}
						catch (Exception ex) {
							throw new IllegalStateException(ex);
						}
					})));
		}
		List<Object> outcomes = new ArrayList<>();
		for (Future<Object> caller : callers) {
			outcomes.add(caller.get(30, TimeUnit.SECONDS));
		}
		return outcomes;
	}

	private long place(Api.Session buyer, long product, int quantity) {
		return api.post("/api/orders", Map.of("items", List.of(Map.of("productId", product, "quantity", quantity))))
			.as(buyer).send().expect(201).json().get("id").asLong();
	}

}
