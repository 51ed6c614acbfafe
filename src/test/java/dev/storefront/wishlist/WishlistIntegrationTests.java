package dev.storefront.wishlist;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

import dev.storefront.catalog.WishlistFlags;
import dev.storefront.events.StreamEvent;
import dev.storefront.support.EmbeddedRedis;
import dev.storefront.user.CurrentUser;
import dev.storefront.support.Api;
import dev.storefront.support.IntegrationTest;
import dev.storefront.support.ProductFixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The wishlist over HTTP on the shared Redis: both sets written without TTL and kept consistent, the
 * limit (5 in the test profile, 500 in production), the per-caller flag on catalog reads with one
 * SMISMEMBER per response, and the alerts through the consumer group {@code wishlist}.
 */
@IntegrationTest
class WishlistIntegrationTests {

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	WishlistAlerts alerts;

	@Autowired
	WishlistProperties properties;

	@Autowired
	JsonMapper json;

	@Autowired
	Api api;

	ProductFixtures catalog;

	Api.Session shopper;

	@BeforeEach
	void setUp() {
		catalog = new ProductFixtures(api);
		shopper = api.newUser();
	}

	@Test
	void addAndRemoveAreIdempotentAndWriteBothSetsWithoutTtl() {
		long product = catalog.product("3.00", 5);
		String user = "sf:wishlist:user:" + shopper.userId();
		String followers = "sf:wishlist:followers:" + product;

		add(product).expect(204);
		add(product).expect(204);
		assertThat(redis.opsForSet().members(user)).containsExactly(String.valueOf(product));
		assertThat(redis.opsForSet().members(followers)).containsExactly(String.valueOf(shopper.userId()));
		assertThat(redis.getExpire(user)).isEqualTo(-1);
		assertThat(redis.getExpire(followers)).isEqualTo(-1);

		remove(product).expect(204);
		remove(product).expect(204);
		assertThat(redis.hasKey(user)).isFalse();
		assertThat(redis.hasKey(followers)).isFalse();
	}

	@Test
	void unknownProductsAre404ProblemsAndADeletedOneCanStillBeRemoved() {
		for (Api.Response response : List.of(add(999_999_999L), remove(999_999_999L))) {
			assertThat(response.status()).isEqualTo(404);
			assertThat(response.header("Content-Type").orElseThrow()).startsWith("application/problem+json");
			assertThat(response.json().get("type").asString()).endsWith("/product-not-found");
		}
		assertThat(redis.hasKey("sf:wishlist:user:" + shopper.userId())).isFalse();

		long doomed = catalog.product("1.00", 1);
		add(doomed).expect(204);
		catalog.delete(doomed);
		remove(doomed).expect(204);
		assertThat(redis.hasKey("sf:wishlist:user:" + shopper.userId())).isFalse();
		assertThat(redis.hasKey("sf:wishlist:followers:" + doomed)).isFalse();
		assertThat(api.put("/api/wishlist/0", null).as(shopper).send().status()).isEqualTo(400);
		assertThat(api.get("/api/wishlist").send().status()).isEqualTo(401);
	}

	@Test
	void aFullWishlistRefusesANewProductWith409AndLeavesNoFollowerBehind() {
		int limit = properties.maxProducts();
		List<Long> products = new ArrayList<>();
		for (int i = 0; i <= limit; i++) {
			products.add(catalog.product("2.00", 3));
		}
		products.subList(0, limit).forEach(product -> add(product).expect(204));
		long oneTooMany = products.get(limit);

		Api.Response refused = add(oneTooMany);

		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.json().get("type").asString()).endsWith("/wishlist-full");
		assertThat(refused.json().get("maxProducts").asInt()).isEqualTo(limit);
		assertThat(redis.opsForSet().size("sf:wishlist:user:" + shopper.userId())).isEqualTo(limit);
		assertThat(redis.opsForSet().isMember("sf:wishlist:followers:" + oneTooMany, String.valueOf(shopper.userId())))
			.isFalse();
		add(products.get(0)).expect(204); // already there: still fine
	}

	@Test
	void listsTheWishlistInPagesOfProductsMarkedWishlisted() {
		List<Long> products = List.of(catalog.product("1.00", 1), catalog.product("2.00", 1), catalog.product("3.00", 1));
		products.forEach(product -> add(product).expect(204));

		JsonNode first = api.get("/api/wishlist?size=2").as(shopper).send().expect(200).json();
		JsonNode second = api.get("/api/wishlist?size=2&page=1").as(shopper).send().expect(200).json();

		assertThat(first.at("/page/totalElements").asLong()).isEqualTo(3);
		assertThat(first.at("/page/totalPages").asInt()).isEqualTo(2);
		List<Long> listed = new ArrayList<>();
		first.get("content").forEach(p -> listed.add(p.get("id").asLong()));
		second.get("content").forEach(p -> listed.add(p.get("id").asLong()));
		assertThat(listed).containsExactlyElementsOf(products);
		first.get("content").forEach(p -> assertThat(p.get("wishlisted").asBoolean()).isTrue());
		assertThat(api.get("/api/wishlist?size=101").as(shopper).send().status()).isEqualTo(400);
	}

	@Test
	void productReadsCarryTheCallersFlagInTheirETagAndAnonymousReadsNoFlag() {
		long product = catalog.product("4.00", 2);
		add(product).expect(204);
		Api.Session other = api.newUser();

		Api.Response mine = api.get("/api/products/" + product).as(shopper).send().expect(200);
		Api.Response theirs = api.get("/api/products/" + product).as(other).send().expect(200);
		Api.Response anonymous = api.get("/api/products/" + product).send().expect(200);

		assertThat(mine.json().get("wishlisted").asBoolean()).isTrue();
		assertThat(theirs.json().get("wishlisted").asBoolean()).isFalse();
		assertThat(anonymous.json().has("wishlisted")).isFalse();
		String etag = mine.header("ETag").orElseThrow();
		assertThat(etag).isNotEqualTo(theirs.header("ETag").orElseThrow())
			.isNotEqualTo(anonymous.header("ETag").orElseThrow());
		api.get("/api/products/" + product).as(shopper).header("If-None-Match", etag).send().expect(304);
		api.get("/api/products/" + product).as(other).header("If-None-Match", etag).send().expect(200);
		api.get("/api/products/" + product).header("If-None-Match", etag).send().expect(200);
	}

	@Test
	void aListingPageCostsOneSmismemberWhateverItsSize() {
		List<Long> products = List.of(catalog.product("5.00", 1), catalog.product("6.00", 1), catalog.product("7.00", 1));
		add(products.get(1)).expect(204);
		String ids = products.get(0) + "," + products.get(1) + "," + products.get(2);

		long before = smismemberCalls();
		JsonNode batch = api.get("/api/products/batch?ids=" + ids).as(shopper).send().expect(200).json();
		long afterBatch = smismemberCalls();
		JsonNode page = api.get("/api/products?size=50&sort=id,desc").as(shopper).send().expect(200).json();
		long afterPage = smismemberCalls();
		api.get("/api/products?size=50&sort=id,desc").send().expect(200);
		long afterAnonymous = smismemberCalls();

		// Nothing else in the application sends SMISMEMBER, so each delta is this test's own requests.
		assertThat(afterBatch - before).isEqualTo(1);
		assertThat(afterPage - afterBatch).isEqualTo(1);
		assertThat(afterAnonymous - afterPage).isZero();
		Map<Long, Boolean> flags = new HashMap<>();
		batch.forEach(p -> flags.put(p.get("id").asLong(), p.get("wishlisted").asBoolean()));
		assertThat(flags).containsEntry(products.get(0), false).containsEntry(products.get(1), true)
			.containsEntry(products.get(2), false);
		assertThat(page.get("content").size()).isGreaterThan(3);
		page.get("content").forEach(p -> assertThat(p.get("wishlisted").asBoolean())
			.isEqualTo(p.get("id").asLong() == products.get(1)));
	}

	@Test
	void aPriceDropNotifiesEachFollowerOnceAndNobodyElse() {
		long product = catalog.product("20.00", 5);
		Api.Session stranger = api.newUser();
		Api.Session leaver = api.newUser();
		add(product).expect(204);
		api.put("/api/wishlist/" + product, null).as(leaver).send().expect(204);
		api.delete("/api/wishlist/" + product).as(leaver).send().expect(204);
		// A follower entry left behind (a half-failed removal): the fan-out must check the user's own set.
		redis.opsForSet().add("sf:wishlist:followers:" + product, String.valueOf(leaver.userId()));

		setPrice(product, "25.00"); // a rise alerts nobody
		setPrice(product, "15.00");

		awaitHandled(product, "ProductPriceChanged", 2);
		List<JsonNode> alerts = alertsOf(shopper, WishlistAlerts.PRICE_DROP, product);
		assertThat(alerts).hasSize(1);
		assertThat(alerts.get(0).at("/data/newPrice").decimalValue()).isEqualByComparingTo("15.00");
		assertThat(alerts.get(0).at("/data/oldPrice").decimalValue()).isEqualByComparingTo("25.00");
		assertThat(alertsOf(stranger, WishlistAlerts.PRICE_DROP, product)).isEmpty();
		assertThat(alertsOf(leaver, WishlistAlerts.PRICE_DROP, product)).isEmpty();
	}

	@Test
	void backInStockNotifiesFollowersOnce() {
		long product = catalog.product("9.00", 0);
		Api.Session stranger = api.newUser();
		add(product).expect(204);

		api.patch("/api/products/" + product + "/stock", Map.of("delta", 4)).as(catalog.admin()).send().expect(200);
		api.patch("/api/products/" + product + "/stock", Map.of("delta", 1)).as(catalog.admin()).send().expect(200);

		awaitHandled(product, "ProductBackInStock", 1);
		List<JsonNode> alerts = alertsOf(shopper, WishlistAlerts.BACK_IN_STOCK, product);
		assertThat(alerts).hasSize(1);
		assertThat(alerts.get(0).at("/data/stock").asInt()).isEqualTo(4);
		assertThat(alertsOf(stranger, WishlistAlerts.BACK_IN_STOCK, product)).isEmpty();
	}

	@Test
	void aRedeliveredEventDoesNotNotifyTwice() {
		long product = catalog.product("8.00", 3);
		add(product).expect(204);
		UUID eventId = UUID.randomUUID();
		String payload = "{\"eventId\":\"" + eventId + "\",\"occurredAt\":\"2026-12-06T04:00:00Z\",\"productId\":"
				+ product + ",\"oldPrice\":8.00,\"newPrice\":6.50}";
		StreamEvent event = new StreamEvent("1-0", eventId, "ProductPriceChanged", Instant.parse("2026-12-06T04:00:00Z"),
				String.valueOf(product), null, payload);

		// As after a crash mid-fan-out: the entry is reclaimed and the whole fan-out runs again.
		alerts.handle(event);
		alerts.handle(event);

		assertThat(alertsOf(shopper, WishlistAlerts.PRICE_DROP, product)).hasSize(1);
	}

	/**
	 * The wishlist's own mapping of an outage, on a Redis of its own: writes fail fast with
	 * {@link WishlistUnavailable} (503, {@code Retry-After}); flags degrade instead of failing the read. The
	 * HTTP answers with Redis stopped are checked in {@code SessionStoreOutageIntegrationTests}.
	 */
	@Test
	void aRedisOutageMakesWritesUnavailableAndFlagsDegradedWithoutHanging() {
		try (EmbeddedRedis own = EmbeddedRedis.start()) {
			LettuceConnectionFactory factory = own.connectionFactory(Duration.ofMillis(500));
			SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken(
					new CurrentUser(1, "down@storefront.test", Set.of("USER")), null, "ROLE_USER"));
			try {
				Wishlists down = new Wishlists(new StringRedisTemplate(factory), properties);
				CallerWishlistFlags flags = new CallerWishlistFlags(down);
				down.add(1, 42);
				assertThat(flags.lookup(List.of(42L, 43L))).isEqualTo(WishlistFlags.Flags.of(Set.of(42L)));
				own.stop();
				long started = System.nanoTime();
				assertThatThrownBy(() -> down.add(1, 43)).isInstanceOfSatisfying(WishlistUnavailable.class, ex -> {
					assertThat(ex.getStatusCode().value()).isEqualTo(503);
					assertThat(ex.getHeaders().getFirst("Retry-After")).isEqualTo("5");
				});
				assertThatThrownBy(() -> down.remove(1, 42)).isInstanceOf(WishlistUnavailable.class);
				assertThat(flags.lookup(List.of(42L))).isEqualTo(WishlistFlags.Flags.UNAVAILABLE);
				assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
			}
			finally {
				SecurityContextHolder.clearContext();
				factory.destroy();
			}
		}
	}

	private Api.Response add(long product) {
		return api.put("/api/wishlist/" + product, null).as(shopper).send();
	}

	private Api.Response remove(long product) {
		return api.delete("/api/wishlist/" + product).as(shopper).send();
	}

	private void setPrice(long product, String price) {
		JsonNode current = api.get("/api/products/" + product).send().expect(200).json();
		Map<String, Object> body = new HashMap<>();
		body.put("sku", current.get("sku").asString());
		body.put("name", current.get("name").asString());
		body.put("price", new java.math.BigDecimal(price));
		body.put("stock", current.get("stock").asInt());
		body.put("categoryId", current.get("categoryId").asLong());
		api.put("/api/products/" + product, body).as(catalog.admin()).send().expect(200);
	}

	private List<JsonNode> alertsOf(Api.Session user, String type, long product) {
		List<JsonNode> found = new ArrayList<>();
		api.get("/api/notifications").as(user).send().expect(200).json().forEach(n -> {
			if (type.equals(n.get("type").asString()) && n.at("/data/productId").asLong() == product) {
				found.add(n);
			}
		});
		return found;
	}

	/** Waits until the group {@code wishlist} has handled {@code count} events of this type for the product. */
	private void awaitHandled(long product, String type, int count) {
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			List<String> eventIds = eventIds(product, type);
			return eventIds.size() == count && eventIds.stream().allMatch(id -> "done"
				.equals(redis.opsForValue().get("sf:events:handled:" + WishlistAlerts.GROUP + ":" + id)));
		});
	}

	private List<String> eventIds(long product, String type) {
		List<MapRecord<String, Object, Object>> recent = redis.opsForStream()
			.reverseRange("sf:events", Range.unbounded(), Limit.limit().count(500));
		return Optional.ofNullable(recent).orElse(List.of()).stream()
			.filter(r -> type.equals(r.getValue().get("type"))
					&& String.valueOf(product).equals(r.getValue().get("aggregateId")))
			.map(r -> (String) r.getValue().get("eventId"))
			.toList();
	}

	/** SMISMEMBER calls so far, summed over the nodes (on a Cluster each key is prefixed by its node). */
	private long smismemberCalls() {
		java.util.Properties stats = redis.execute(connection -> connection.serverCommands().info("commandstats"), true);
		// "calls=3,usec=...,rejected_calls=0,failed_calls=0": the first field, not the failed ones.
		return stats.stringPropertyNames().stream().filter(name -> name.endsWith("cmdstat_smismember"))
			.mapToLong(name -> Long.parseLong(stats.getProperty(name).replaceAll("^calls=(\\d+),.*", "$1")))
			.sum();
	}

}
