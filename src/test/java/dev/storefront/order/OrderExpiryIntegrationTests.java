package dev.storefront.order;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.storefront.locking.DistributedLocks;
import dev.storefront.support.Api;
import dev.storefront.support.IntegrationTest;
import dev.storefront.support.ProductFixtures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unpaid orders cannot hold stock for ever: they expire, a user holds a bounded number of them, and a line
 * holds a bounded quantity.
 */
@IntegrationTest
class OrderExpiryIntegrationTests {

	@Autowired
	PendingOrderSweeper sweeper;

	@Autowired
	OrderProperties properties;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	DistributedLocks locks;

	@Autowired
	ConfigurableApplicationContext context;

	private final List<Order.OrderCancelled> cancelled = new CopyOnWriteArrayList<>();

	// Raw ApplicationEvent: Modulith's multicaster hands every event to a lambda whose generic type is erased.
	private final ApplicationListener<ApplicationEvent> recorder = event -> {
		if (event instanceof PayloadApplicationEvent<?> payload && payload.getPayload() instanceof Order.OrderCancelled cancel) {
			cancelled.add(cancel);
		}
	};

	private final ExecutorService other = Executors.newSingleThreadExecutor();

	@Autowired
	private Api api;

	private ProductFixtures catalog;

	@BeforeEach
	void setUp() {
		catalog = new ProductFixtures(api);
		context.addApplicationListener(recorder);
	}

	@AfterEach
	void tearDown() {
		context.removeApplicationListener(recorder);
		other.shutdownNow();
	}

	@Test
	void anUnpaidOrderPastTheTtlIsCancelledAsExpiredAndItsStockReturnedOnce() {
		long product = catalog.product("3.00", 10);
		Api.Session buyer = api.newUser();
		long old = place(buyer, product, 3);
		long fresh = place(buyer, product, 2);
		long paid = place(buyer, product, 1);
		api.post("/api/orders/" + paid + "/pay", null).as(buyer).send().expect(200);
		age(old);
		age(paid);
		assertThat(catalog.stock(product)).isEqualTo(4);

		sweeper.sweep();
		sweeper.sweep();

		assertThat(status(buyer, old)).isEqualTo("CANCELLED");
		assertThat(status(buyer, fresh)).isEqualTo("PENDING");
		assertThat(status(buyer, paid)).isEqualTo("CONFIRMED");
		assertThat(catalog.stock(product)).isEqualTo(7);
		assertThat(cancelled).filteredOn(e -> e.orderId() == old).singleElement().satisfies(event -> {
			assertThat(event.reason()).isEqualTo("expired");
			assertThat(event.previousStatus()).isEqualTo(OrderStatus.PENDING);
			assertThat(event.ownerId()).isEqualTo(buyer.userId());
			assertThat(event.items()).extracting(Order.Line::quantity).containsExactly(3);
		});
	}

	@Test
	void anOrderLockedByAnotherTransactionIsSkippedNotWaitedForAndExpiresOnTheNextRound() throws Exception {
		long product = catalog.product("3.00", 10);
		Api.Session buyer = api.newUser();
		long order = place(buyer, product, 2);
		age(order);
		CountDownLatch locked = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		var holder = other.submit(() -> {
			try (Connection connection = dataSource.getConnection()) {
				connection.setAutoCommit(false);
				connection.createStatement().execute("select id from orders where id = " + order + " for update");
				locked.countDown();
				release.await(30, TimeUnit.SECONDS);
				connection.rollback();
			}
			return null;
		});
		assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();

		long started = System.nanoTime();
		sweeper.sweep();
		assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(10);
		assertThat(status(buyer, order)).isEqualTo("PENDING");

		release.countDown();
		holder.get(10, TimeUnit.SECONDS);
		sweeper.sweep();
		assertThat(status(buyer, order)).isEqualTo("CANCELLED");
		assertThat(catalog.stock(product)).isEqualTo(10);
	}

	@Test
	void onlyOneInstanceSweepsAtATime() throws Exception {
		long product = catalog.product("3.00", 10);
		Api.Session buyer = api.newUser();
		long order = place(buyer, product, 1);
		age(order);
		CountDownLatch held = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		var holder = other.submit(() -> locks.runIfFree(PendingOrderSweeper.LOCK, () -> {
			held.countDown();
			try {
				release.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}));
		assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();

		assertThat(sweeper.runOnce()).isZero();
		assertThat(status(buyer, order)).isEqualTo("PENDING");

		release.countDown();
		holder.get(10, TimeUnit.SECONDS);
		sweeper.runOnce();
		assertThat(status(buyer, order)).isEqualTo("CANCELLED");
	}

	@Test
	void aUserHoldsAtMostTheConfiguredNumberOfUnpaidOrders() {
		long product = catalog.product("1.00", 100);
		Api.Session buyer = api.newUser();
		long first = 0;
		for (int i = 0; i < properties.maxPendingPerUser(); i++) {
			long id = api.post("/api/orders", order(product, 1)).as(buyer).header("Idempotency-Key", "k" + i).send()
				.expect(201).json().get("id").asLong();
			first = i == 0 ? id : first;
		}

		Api.Response refused = api.post("/api/orders", order(product, 1)).as(buyer).send().expect(409);
		assertThat(refused.json().get("type").asString()).endsWith("/too-many-pending-orders");
		assertThat(refused.json().get("limit").asInt()).isEqualTo(properties.maxPendingPerUser());
		// A retry of an order already placed is still answered.
		api.post("/api/orders", order(product, 1)).as(buyer).header("Idempotency-Key", "k0").send().expect(200);
		assertThat(catalog.stock(product)).isEqualTo(100 - properties.maxPendingPerUser());

		api.post("/api/orders/" + first + "/pay", null).as(buyer).send().expect(200);
		api.post("/api/orders", order(product, 1)).as(buyer).send().expect(201);
	}

	@Test
	void aLineHoldsAtMostTheConfiguredQuantity() {
		long product = catalog.product("1.00", 1000);
		Api.Session buyer = api.newUser();

		Api.Response refused = api.post("/api/orders", order(product, properties.maxQuantityPerLine() + 1)).as(buyer)
			.send().expect(400);

		assertThat(refused.json().get("type").asString()).endsWith("/quantity-too-large");
		assertThat(refused.json().get("max").asInt()).isEqualTo(properties.maxQuantityPerLine());
		assertThat(catalog.stock(product)).isEqualTo(1000);
		api.post("/api/orders", order(product, properties.maxQuantityPerLine())).as(buyer).send().expect(201);
	}

	private void age(long orderId) {
		jdbc.update("update orders set created_at = now() - interval '1 minute' - make_interval(secs => ?) where id = ?",
				properties.pendingTtl().toSeconds(), orderId);
	}

	private String status(Api.Session buyer, long orderId) {
		return api.get("/api/orders/" + orderId).as(buyer).send().expect(200).json().get("status").asString();
	}

	private long place(Api.Session buyer, long product, int quantity) {
		return api.post("/api/orders", order(product, quantity)).as(buyer).header("Idempotency-Key", UUID.randomUUID().toString())
			.send().expect(201).json().get("id").asLong();
	}

	private static Map<String, Object> order(long product, int quantity) {
		return Map.of("items", List.of(Map.of("productId", product, "quantity", quantity)));
	}

}
