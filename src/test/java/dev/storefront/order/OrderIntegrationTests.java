package dev.storefront.order;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.storefront.support.Api;
import dev.storefront.support.Api.Response;
import dev.storefront.support.Api.Session;
import dev.storefront.support.IntegrationTest;
import dev.storefront.support.ProductFixtures;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class OrderIntegrationTests {

	@Autowired
	Api api;

	Session admin;

	ProductFixtures catalog;

	@BeforeEach
	void setUp() {
		catalog = new ProductFixtures(api);
		admin = catalog.admin();
	}

	long product(String price, int stock) {
		return catalog.product(price, stock);
	}

	int stock(long productId) {
		return catalog.stock(productId);
	}

	static Map<String, Object> order(long productId, int quantity) {
		return Map.of("items", List.of(Map.of("productId", productId, "quantity", quantity)));
	}

	@Test
	void placesAnOrderAndTakesStock() {
		long a = product("2.50", 10);
		long b = product("10.00", 5);
		Session user = api.newUser();
		Response created = api.post("/api/orders", Map.of("items", List.of(Map.of("productId", b, "quantity", 1),
				Map.of("productId", a, "quantity", 3)))).as(user).send().expect(201);
		JsonNode order = created.json();
		assertThat(created.header("Location")).hasValue("/api/orders/" + order.get("id").asLong());
		assertThat(order.get("status").asString()).isEqualTo("PENDING");
		assertThat(created.body()).contains("\"total\":17.50");
		assertThat(order.get("items").valueStream().map(i -> i.get("productId").asLong())).containsExactly(b, a);
		assertThat(order.get("items").get(1).get("unitPrice").decimalValue()).isEqualByComparingTo("2.50");
		assertThat(order.has("createdAt")).isTrue();
		assertThat(stock(a)).isEqualTo(7);
		assertThat(stock(b)).isEqualTo(4);
	}

	@Test
	void aShortProductFailsTheWholeOrderAndIsNamed() {
		long plenty = product("1.00", 10);
		long scarce = product("1.00", 1);
		Session user = api.newUser();
		Response refused = api.post("/api/orders", Map.of("items", List.of(Map.of("productId", plenty, "quantity", 2),
				Map.of("productId", scarce, "quantity", 2)))).as(user).send().expect(409);
		assertThat(refused.json().get("productId").asLong()).isEqualTo(scarce);
		assertThat(refused.json().get("detail").asString()).contains(String.valueOf(scarce));
		assertThat(stock(plenty)).isEqualTo(10);
		assertThat(stock(scarce)).isEqualTo(1);
	}

	@Test
	void refusesInvalidOrders() {
		Session user = api.newUser();
		long p = product("1.00", 10);
		api.post("/api/orders", Map.of("items", List.of())).as(user).send().expect(400);
		api.post("/api/orders", order(p, 0)).as(user).send().expect(400);
		api.post("/api/orders", Map.of("items", List.of(Map.of("productId", p, "quantity", 1),
				Map.of("productId", p, "quantity", 1)))).as(user).send().expect(400);
		api.post("/api/orders", order(987654321L, 1)).as(user).send().expect(404);
		api.post("/api/orders", order(p, 1)).send().expect(401);
		assertThat(stock(p)).isEqualTo(10);
	}

	@Test
	void anIdempotencyKeyMakesARetryReturnTheSameOrder() {
		long p = product("3.00", 10);
		Session user = api.newUser();
		String key = UUID.randomUUID().toString();
		JsonNode first = api.post("/api/orders", order(p, 2)).as(user).header("Idempotency-Key", key).send().expect(201).json();
		Response retry = api.post("/api/orders", order(p, 2)).as(user).header("Idempotency-Key", key).send().expect(200);
		assertThat(retry.json().get("id").asLong()).isEqualTo(first.get("id").asLong());
		assertThat(stock(p)).isEqualTo(8);
		api.post("/api/orders", order(p, 3)).as(user).header("Idempotency-Key", key).send().expect(422);
		assertThat(stock(p)).isEqualTo(8);
	}

	@Test
	void concurrentRetriesWithOneKeyTakeStockOnce() throws Exception {
		long p = product("3.00", 100);
		Session user = api.newUser();
		String key = UUID.randomUUID().toString();
		List<Response> responses = parallel(10, () -> api.post("/api/orders", order(p, 1)).as(user)
			.header("Idempotency-Key", key).send());
		assertThat(responses).allSatisfy(r -> assertThat(r.status()).isIn(200, 201));
		assertThat(responses.stream().map(r -> r.json().get("id").asLong()).distinct()).hasSize(1);
		assertThat(stock(p)).isEqualTo(99);
	}

	@Test
	void fiftyParallelOrdersForTenUnitsGiveExactlyTenSuccesses() throws Exception {
		long p = product("1.00", 10);
		List<Session> users = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			users.add(api.newUser());
		}
		List<Callable<Response>> calls = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			Session user = users.get(i % users.size());
			calls.add(() -> api.post("/api/orders", order(p, 1)).as(user).send());
		}
		List<Response> responses = parallel(calls);
		assertThat(responses.stream().filter(r -> r.status() == 201)).hasSize(10);
		assertThat(responses.stream().filter(r -> r.status() == 409)).hasSize(40);
		assertThat(stock(p)).isZero();
	}

	@Test
	void ordersAreVisibleToTheirOwnerAndAdminsOnly() {
		long p = product("1.00", 10);
		Session owner = api.newUser();
		Session other = api.newUser();
		long id = api.post("/api/orders", order(p, 1)).as(owner).send().expect(201).json().get("id").asLong();
		api.get("/api/orders/" + id).as(owner).send().expect(200);
		api.get("/api/orders/" + id).as(admin).send().expect(200);
		api.get("/api/orders/" + id).as(other).send().expect(404);
		api.get("/api/orders/" + id).send().expect(401);
		api.post("/api/orders/" + id + "/pay", null).as(other).send().expect(404);
		api.post("/api/orders/" + id + "/cancel", null).as(other).send().expect(404);
		api.get("/api/orders/abc").as(owner).send().expect(400);
	}

	@Test
	void listsMyOrdersNewestFirst() {
		long p = product("1.00", 10);
		Session user = api.newUser();
		long first = api.post("/api/orders", order(p, 1)).as(user).send().expect(201).json().get("id").asLong();
		long second = api.post("/api/orders", order(p, 1)).as(user).send().expect(201).json().get("id").asLong();
		api.post("/api/orders", order(p, 1)).as(api.newUser()).send().expect(201);
		JsonNode page = api.get("/api/orders?page=0").as(user).send().expect(200).json();
		assertThat(page.get("content").valueStream().map(o -> o.get("id").asLong())).containsExactly(second, first);
		assertThat(page.get("page").get("totalElements").asLong()).isEqualTo(2);
		api.get("/api/orders?page=-1").as(user).send().expect(400);
	}

	@Test
	void followsTheLifeCycleAndRefusesOtherTransitions() {
		long p = product("1.00", 10);
		Session user = api.newUser();
		long id = api.post("/api/orders", order(p, 4)).as(user).send().expect(201).json().get("id").asLong();

		api.patch("/api/admin/orders/" + id, Map.of("status", "SHIPPED")).as(admin).send().expect(409);
		assertThat(api.post("/api/orders/" + id + "/pay", null).as(user).send().expect(200).json().get("status").asString())
			.isEqualTo("CONFIRMED");
		api.post("/api/orders/" + id + "/pay", null).as(user).send().expect(409);
		api.patch("/api/admin/orders/" + id, Map.of("status", "SHIPPED")).as(user).send().expect(403);
		api.patch("/api/admin/orders/" + id, Map.of("status", "DELIVERED")).as(admin).send().expect(409);
		api.patch("/api/admin/orders/" + id, Map.of("status", "SHIPPED")).as(admin).send().expect(200);
		api.post("/api/orders/" + id + "/cancel", null).as(user).send().expect(409);
		api.patch("/api/admin/orders/" + id, Map.of("status", "DELIVERED")).as(admin).send().expect(200);
		api.patch("/api/admin/orders/" + id, Map.of("status", "PENDING")).as(admin).send().expect(409);
		api.patch("/api/admin/orders/" + id, Map.of("status", "LOST")).as(admin).send().expect(400);
		api.patch("/api/admin/orders/987654321", Map.of("status", "SHIPPED")).as(admin).send().expect(404);
		assertThat(stock(p)).isEqualTo(6);
	}

	@Test
	void cancellingReturnsTheStockOnce() {
		long p = product("1.00", 10);
		Session user = api.newUser();
		long pending = api.post("/api/orders", order(p, 3)).as(user).send().expect(201).json().get("id").asLong();
		long confirmed = api.post("/api/orders", order(p, 2)).as(user).send().expect(201).json().get("id").asLong();
		api.post("/api/orders/" + confirmed + "/pay", null).as(user).send().expect(200);
		assertThat(stock(p)).isEqualTo(5);

		assertThat(api.post("/api/orders/" + pending + "/cancel", null).as(user).send().expect(200).json()
			.get("status").asString()).isEqualTo("CANCELLED");
		api.post("/api/orders/" + confirmed + "/cancel", null).as(user).send().expect(200);
		api.post("/api/orders/" + confirmed + "/cancel", null).as(user).send().expect(409);
		api.post("/api/orders/" + pending + "/pay", null).as(user).send().expect(409);
		assertThat(stock(p)).isEqualTo(10);
	}

	private static List<Response> parallel(int n, Callable<Response> call) throws Exception {
		List<Callable<Response>> calls = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			calls.add(call);
		}
		return parallel(calls);
	}

	private static List<Response> parallel(List<Callable<Response>> calls) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(calls.size());
		try {
			List<Response> responses = new ArrayList<>();
			for (Future<Response> future : pool.invokeAll(calls)) {
				responses.add(future.get());
			}
			return responses;
		}
		finally {
			pool.shutdownNow();
		}
	}

}
