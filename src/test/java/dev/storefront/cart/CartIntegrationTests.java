package dev.storefront.cart;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.storefront.support.Api;
import dev.storefront.support.EmbeddedRedis;
import dev.storefront.support.IntegrationTest;
import dev.storefront.support.ProductFixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
class CartIntegrationTests {

	private static final Duration THIRTY_DAYS = Duration.ofDays(30);

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	Carts carts;

	@Autowired
	private Api api;

	private ProductFixtures catalog;

	private Api.Session shopper;

	@BeforeEach
	void setUp() {
		catalog = new ProductFixtures(api);
		shopper = api.newUser();
	}

	@Test
	void storesOneHashPerUserWithASlidingThirtyDayTtl() {
		long product = catalog.product("2.50", 10);
		put(product, 2).expect(200);

		String key = "sf:cart:" + shopper.userId();
		Map<Object, Object> hash = redis.opsForHash().entries(key);
		assertThat(hash).containsEntry(String.valueOf(product), "2").containsKeys("_id", "_v");
		assertThat(ttl(key)).isBetween(THIRTY_DAYS.minusMinutes(1), THIRTY_DAYS);

		redis.expire(key, Duration.ofMinutes(5));
		api.get("/api/cart").as(shopper).send().expect(200);
		assertThat(ttl(key)).isGreaterThan(THIRTY_DAYS.minusMinutes(1));

		redis.expire(key, Duration.ofMinutes(5));
		put(product, 3).expect(200);
		assertThat(ttl(key)).isGreaterThan(THIRTY_DAYS.minusMinutes(1));
		assertThat(redis.opsForHash().get(key, String.valueOf(product))).isEqualTo("3");
	}

	@Test
	void rejectsInvalidQuantitiesWith400() {
		long product = catalog.product("1.00", 5);
		for (String body : List.of("{\"quantity\":0}", "{\"quantity\":-1}", "{\"quantity\":1001}",
				"{\"quantity\":\"lots\"}", "{}", "not json")) {
			Api.Response response = api.put("/api/cart/items/" + product, body).as(shopper).send();
			assertThat(response.status()).as(body).isEqualTo(400);
			assertThat(response.header("Content-Type").orElseThrow()).startsWith("application/problem+json");
		}
		assertThat(api.put("/api/cart/items/0", Map.of("quantity", 1)).as(shopper).send().status()).isEqualTo(400);
		assertThat(api.put("/api/cart/items/abc", Map.of("quantity", 1)).as(shopper).send().status()).isEqualTo(400);
		assertThat(api.put("/api/cart/items/999999999", Map.of("quantity", 1)).as(shopper).send().status())
			.isEqualTo(404);
		assertThat(redis.hasKey("sf:cart:" + shopper.userId())).isFalse();
	}

	@Test
	void needsALogin() {
		assertThat(api.get("/api/cart").send().status()).isEqualTo(401);
	}

	@Test
	void readsJoinCurrentProductDataAndFlagLinesThatCannotBeOrdered() {
		long plenty = catalog.product("2.50", 10);
		long scarce = catalog.product("4.00", 1);
		long doomed = catalog.product("1.00", 10);
		put(plenty, 2).expect(200);
		put(scarce, 3).expect(200);
		put(doomed, 1).expect(200);
		catalog.delete(doomed);

		JsonNode cart = api.get("/api/cart").as(shopper).send().expect(200).json();
		Map<Long, JsonNode> lines = new HashMap<>();
		cart.get("lines").forEach(line -> lines.put(line.get("productId").asLong(), line));
		assertThat(lines.get(plenty).get("unitPrice").decimalValue()).isEqualByComparingTo("2.50");
		assertThat(lines.get(plenty).get("lineTotal").decimalValue()).isEqualByComparingTo("5.00");
		assertThat(lines.get(plenty).get("issue").isNull()).isTrue();
		assertThat(lines.get(scarce).get("issue").asString()).isEqualTo("INSUFFICIENT_STOCK");
		assertThat(lines.get(scarce).get("inStock").asInt()).isEqualTo(1);
		assertThat(lines.get(doomed).get("issue").asString()).isEqualTo("PRODUCT_GONE");
		assertThat(lines.get(doomed).get("name").isNull()).isTrue();
		assertThat(cart.get("itemCount").asInt()).isEqualTo(6);
		assertThat(cart.get("total").decimalValue()).isEqualByComparingTo("17.00");
		assertThat(cart.get("orderable").asBoolean()).isFalse();
	}

	@Test
	void removingTheLastLineOrClearingDeletesTheHash() {
		long first = catalog.product("1.00", 5);
		long second = catalog.product("1.00", 5);
		String key = "sf:cart:" + shopper.userId();
		put(first, 1).expect(200);
		put(second, 1).expect(200);

		api.delete("/api/cart/items/" + first).as(shopper).send().expect(200);
		assertThat(redis.opsForHash().hasKey(key, String.valueOf(first))).isFalse();
		api.delete("/api/cart/items/" + second).as(shopper).send().expect(200);
		assertThat(redis.hasKey(key)).isFalse();

		put(first, 1).expect(200);
		api.delete("/api/cart").as(shopper).send().expect(204);
		assertThat(redis.hasKey(key)).isFalse();
	}

	@Test
	void ordersFromTheCartAndEmptiesIt() {
		long a = catalog.product("3.00", 10);
		long b = catalog.product("1.25", 10);
		put(a, 2).expect(200);
		put(b, 4).expect(200);

		JsonNode order = api.post("/api/orders/from-cart", null).as(shopper).send().expect(201).json();

		assertThat(order.get("status").asString()).isEqualTo("PENDING");
		assertThat(order.get("total").decimalValue()).isEqualByComparingTo("11.00");
		assertThat(order.get("items")).hasSize(2);
		assertThat(redis.hasKey("sf:cart:" + shopper.userId())).isFalse();
		assertThat(catalog.stock(a)).isEqualTo(8);
		assertThat(catalog.stock(b)).isEqualTo(6);
	}

	@Test
	void aFailedOrderLeavesTheCartUntouched() {
		long a = catalog.product("3.00", 10);
		long scarce = catalog.product("1.00", 1);
		put(a, 2).expect(200);
		put(scarce, 2).expect(200);
		String key = "sf:cart:" + shopper.userId();
		Map<Object, Object> before = redis.opsForHash().entries(key);

		Api.Response response = api.post("/api/orders/from-cart", null).as(shopper).send();

		assertThat(response.status()).isEqualTo(409);
		assertThat(response.json().get("type").asString()).endsWith("/insufficient-stock");
		assertThat(redis.opsForHash().entries(key)).isEqualTo(before);
		assertThat(api.get("/api/orders").as(shopper).send().expect(200).json().get("content")).isEmpty();
		assertThat(catalog.stock(a)).isEqualTo(10);
	}

	@Test
	void anEmptyCartCannotBeOrdered() {
		Api.Response response = api.post("/api/orders/from-cart", null).as(shopper).send();
		assertThat(response.status()).isEqualTo(409);
		assertThat(response.json().get("type").asString()).endsWith("/cart-empty");
	}

	@Test
	void concurrentCheckoutsOfOneCartPlaceOneOrder() throws Exception {
		long a = catalog.product("2.00", 100);
		put(a, 3).expect(200);
		ExecutorService pool = Executors.newFixedThreadPool(10);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Api.Response>> calls = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				calls.add(pool.submit(() -> {
					start.await();
					return api.post("/api/orders/from-cart", null).as(shopper).send();
				}));
			}
			start.countDown();
			List<Api.Response> responses = new ArrayList<>();
			for (Future<Api.Response> call : calls) {
				responses.add(call.get(60, TimeUnit.SECONDS));
			}
			// The others either replay the same order (200, Idempotent-Replayed) or find the cart already empty.
			assertThat(responses).extracting(Api.Response::status).allMatch(s -> s == 201 || s == 200 || s == 409);
			assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(api.get("/api/orders").as(shopper).send().expect(200).json().get("content")).hasSize(1);
		assertThat(catalog.stock(a)).isEqualTo(97);
		assertThat(redis.hasKey("sf:cart:" + shopper.userId())).isFalse();
	}

	@Test
	void removeOrderedKeepsLinesEditedAfterTheSnapshot() {
		long user = -shopper.userId(); // a cart no HTTP call touches
		String key = "sf:cart:" + user;
		carts.put(user, 1, 2);
		carts.put(user, 2, 3);
		CartSnapshot snapshot = carts.read(user);
		carts.put(user, 2, 5); // edited while the order was being placed
		carts.put(user, 3, 1); // added meanwhile

		assertThat(carts.removeOrdered(user, snapshot.lines())).isEqualTo(1);

		assertThat(redis.opsForHash().entries(key)).containsEntry("2", "5").containsEntry("3", "1")
			.doesNotContainKey("1");
		assertThat(Long.parseLong((String) redis.opsForHash().get(key, "_v"))).isGreaterThan(snapshot.version());
		assertThat(ttl(key)).isGreaterThan(THIRTY_DAYS.minusMinutes(1));
		redis.delete(key);
	}

	@Test
	void putRefusesANewLineOnceTheCartIsFull() {
		long user = -shopper.userId();
		for (int i = 1; i <= 50; i++) {
			carts.put(user, i, 1);
		}
		carts.put(user, 50, 2); // changing an existing line is still fine
		assertThatThrownBy(() -> carts.put(user, 51, 1)).isInstanceOf(CartFull.class);
		redis.delete("sf:cart:" + user);
	}

	/**
	 * The cart's own mapping of an outage: {@link CartUnavailable}, a 503, without waiting out retries. The
	 * HTTP answer with Redis stopped (503 problem+json with {@code Retry-After}) is checked over HTTP in
	 * {@code SessionStoreOutageIntegrationTests}, which has a Redis of its own to stop.
	 */
	@Test
	void cartsMapARedisOutageToCartUnavailableWithoutHanging() {
		try (EmbeddedRedis own = EmbeddedRedis.start()) {
			LettuceConnectionFactory factory = own.connectionFactory(Duration.ofMillis(500));
			try {
				StringRedisTemplate template = new StringRedisTemplate(factory);
				Carts down = new Carts(template, new CartProperties(THIRTY_DAYS, 50));
				down.put(1, 1, 1);
				own.stop();
				long started = System.nanoTime();
				assertThatThrownBy(() -> down.read(1)).isInstanceOf(CartUnavailable.class)
					.satisfies(ex -> assertThat(((CartUnavailable) ex).getStatusCode().value()).isEqualTo(503));
				assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
			}
			finally {
				factory.destroy();
			}
		}
	}

	private Api.Response put(long productId, int quantity) {
		return api.put("/api/cart/items/" + productId, Map.of("quantity", quantity)).as(shopper).send();
	}

	private Duration ttl(String key) {
		return Duration.ofMillis(redis.getExpire(key, TimeUnit.MILLISECONDS));
	}

}
