package dev.storefront.analytics;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.storefront.support.Api;
import dev.storefront.support.IntegrationTest;
import dev.storefront.support.ProductFixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class AnalyticsIntegrationTests {

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	RecentlyViewed recentlyViewed;

	@Autowired
	AnalyticsRecorder recorder;

	@Autowired
	private Api api;

	private ProductFixtures catalog;

	@BeforeEach
	void setUp() {
		catalog = new ProductFixtures(api);
	}

	// Bestsellers

	/**
	 * Keys are per UTC day and ISO week (which turns at a UTC midnight too): a test that straddled midnight
	 * would look for the wrong day's key. Close to midnight, wait for it to pass rather than flake.
	 */
	@org.junit.jupiter.api.BeforeEach
	void notAcrossMidnight() {
		java.time.Instant midnight = LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
		if (Duration.between(java.time.Instant.now(), midnight).compareTo(Duration.ofMinutes(1)) < 0) {
			await().atMost(Duration.ofMinutes(2)).until(() -> java.time.Instant.now().isAfter(midnight));
		}
	}

	@Test
	void bestsellersRankTheConfirmedOrdersOfThisWeek() {
		long steady = catalog.product("1.00", 100);
		long hit = catalog.product("1.00", 100);
		long unpaid = catalog.product("1.00", 100);
		Api.Session buyer = api.newUser();
		pay(buyer, place(buyer, Map.of(steady, 2, hit, 4)));
		pay(buyer, place(buyer, Map.of(steady, 3, hit, 3)));
		place(buyer, Map.of(unpaid, 50)); // never paid: never counted

		String week = IsoWeek.of(LocalDate.now(ZoneOffset.UTC)).toString();
		String key = "sf:an:best:" + week;
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(redis.opsForZSet().score(key, String.valueOf(hit))).isEqualTo(7.0));
		assertThat(redis.opsForZSet().score(key, String.valueOf(steady))).isEqualTo(5.0);
		assertThat(redis.opsForZSet().score(key, String.valueOf(unpaid))).isNull();
		assertThat(ttl(key)).isBetween(Duration.ofDays(56).minusMinutes(1), Duration.ofDays(56));

		JsonNode ranking = api.get("/api/products/bestsellers?limit=100").send().expect(200).json();
		assertThat(ranking.get("week").asString()).isEqualTo(week);
		List<long[]> mine = new ArrayList<>();
		ranking.get("products").forEach(p -> {
			long id = p.get("productId").asLong();
			if (id == steady || id == hit || id == unpaid) {
				mine.add(new long[] { id, p.get("unitsSold").asLong() });
			}
		});
		assertThat(mine).containsExactly(new long[] { hit, 7 }, new long[] { steady, 5 });
	}

	@Test
	void cancellingAConfirmedOrderTakesItsUnitsOffTheBestsellers() {
		long product = catalog.product("1.00", 100);
		long other = catalog.product("1.00", 100);
		Api.Session buyer = api.newUser();
		pay(buyer, place(buyer, Map.of(product, 2)));
		long regretted = place(buyer, Map.of(product, 3, other, 1));
		pay(buyer, regretted);
		long unpaid = place(buyer, Map.of(product, 4));
		String key = "sf:an:best:" + IsoWeek.of(LocalDate.now(ZoneOffset.UTC));
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(redis.opsForZSet().score(key, String.valueOf(product))).isEqualTo(5.0));

		cancel(buyer, unpaid); // never counted: nothing to take off
		cancel(buyer, regretted);

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(redis.opsForZSet().score(key, String.valueOf(product))).isEqualTo(2.0));
		assertThat(redis.opsForZSet().score(key, String.valueOf(other))).isNull(); // down to zero: out of the ranking
		assertThat(redis.hasKey("sf:an:best-week:order:" + regretted)).isFalse();
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
			.until(() -> Double.valueOf(2.0).equals(redis.opsForZSet().score(key, String.valueOf(product))));
	}

	@Test
	void theSameConfirmationHandledTwiceByTheGroupCountsOnce() {
		long product = catalog.product("1.00", 100);
		Api.Session buyer = api.newUser();
		long order = place(buyer, Map.of(product, 3));
		pay(buyer, order);
		IsoWeek week = IsoWeek.of(LocalDate.now(ZoneOffset.UTC));
		String key = "sf:an:best:" + week;
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(redis.opsForZSet().score(key, String.valueOf(product))).isEqualTo(3.0));
		String counted = "{sf:an:best:" + week + "}:counted:" + order;
		assertThat(redis.getExpire(counted, TimeUnit.DAYS)).isBetween(111L, 112L);

		// The group hands the same entry over again, as after its "processing" marker lapsed.
		MapRecord<String, Object, Object> confirmed = redis.opsForStream()
			.reverseRange("sf:events", Range.unbounded(), Limit.limit().count(500))
			.stream()
			.filter(r -> "OrderConfirmed".equals(r.getValue().get("type"))
					&& String.valueOf(order).equals(r.getValue().get("aggregateId")))
			.findFirst()
			.orElseThrow();
		String handled = "sf:events:handled:analytics:" + confirmed.getValue().get("eventId");
		assertThat(redis.opsForValue().get(handled)).isEqualTo("done");
		redis.delete(handled);
		redis.opsForStream().add(StreamRecords.newRecord().in("sf:events").ofMap(confirmed.getValue()));

		await().atMost(Duration.ofSeconds(10)).until(() -> "done".equals(redis.opsForValue().get(handled)));
		assertThat(redis.opsForZSet().score(key, String.valueOf(product))).isEqualTo(3.0);

		// A cancellation delivered twice takes the units off once.
		cancel(buyer, order);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(redis.opsForZSet().score(key, String.valueOf(product))).isNull());
		assertThat(redis.hasKey(counted)).isFalse();
	}

	@Test
	void bestsellersOfAGivenWeekComeFromThatWeeksSortedSet() {
		long first = catalog.product("2.00", 1);
		long second = catalog.product("3.00", 1);
		long gone = catalog.product("3.00", 1);
		catalog.delete(gone);
		String key = "sf:an:best:2020-W10";
		redis.delete(key);
		redis.opsForZSet().add(key, String.valueOf(first), 3);
		redis.opsForZSet().add(key, String.valueOf(second), 9);
		redis.opsForZSet().add(key, String.valueOf(gone), 20);
		try {
			JsonNode ranking = api.get("/api/products/bestsellers?week=2020-W10&limit=10").send().expect(200).json();
			assertThat(ranking.get("week").asString()).isEqualTo("2020-W10");
			assertThat(ranking.get("products")).hasSize(2);
			assertThat(ranking.get("products").get(0).get("productId").asLong()).isEqualTo(second);
			assertThat(ranking.get("products").get(0).get("unitsSold").asLong()).isEqualTo(9);
			assertThat(ranking.get("products").get(0).get("price").decimalValue()).isEqualByComparingTo("3.00");
			assertThat(ranking.get("products").get(1).get("productId").asLong()).isEqualTo(first);

			JsonNode top1 = api.get("/api/products/bestsellers?week=2020-W10&limit=1").send().expect(200).json();
			assertThat(top1.get("products")).isEmpty(); // the top one is deleted; it is left out, not replaced
		}
		finally {
			redis.delete(key);
		}
	}

	@Test
	void bestsellersRejectBadWeeksAndLimits() {
		for (String query : List.of("week=2026-W54", "week=2026-48", "week=abc", "week=2026-W00", "limit=0",
				"limit=101", "limit=x")) {
			Api.Response response = api.get("/api/products/bestsellers?" + query).send();
			assertThat(response.status()).as(query).isEqualTo(400);
			assertThat(response.header("Content-Type").orElseThrow()).startsWith("application/problem+json");
		}
		assertThat(api.get("/api/products/bestsellers?week=2020-W53").send().status()).isEqualTo(200);
	}

	// Unique visitors

	@Test
	void countsDistinctVisitorsPerProductAndDayAndMergesDays() {
		long product = catalog.product("1.00", 1);
		Api.Session alice = api.newUser();
		Api.Session bob = api.newUser();
		api.get("/api/products/" + product).as(alice).send().expect(200);
		api.get("/api/products/" + product).as(alice).send().expect(200);
		api.get("/api/products/" + product).as(bob).send().expect(200);
		api.get("/api/products/" + product).send().expect(200); // anonymous, by address
		api.get("/api/products/999999999").as(bob).send().expect(404); // not a view
		recorder.drain();

		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		LocalDate yesterday = today.minusDays(1);
		String todayKey = "sf:an:uv:{p:" + product + "}:" + today;
		assertThat(redis.opsForHyperLogLog().size(todayKey)).isEqualTo(3);
		assertThat(ttl(todayKey)).isBetween(Duration.ofDays(35).minusMinutes(1), Duration.ofDays(35));
		redis.opsForHyperLogLog().add("sf:an:uv:{p:" + product + "}:" + yesterday, "u:" + alice.userId(), "u:-1");

		JsonNode range = api.get("/api/products/" + product + "/stats?from=" + yesterday + "&to=" + today).send()
			.expect(200).json().get("range");
		assertThat(range.get("uniqueVisitors").asLong()).isEqualTo(4);
		assertThat(range.get("daily").get(yesterday.toString()).asLong()).isEqualTo(2);
		assertThat(range.get("daily").get(today.toString()).asLong()).isEqualTo(3);
		assertThat(api.get("/api/products/" + product + "/stats").send().expect(200).json().get("uniqueVisitorsToday")
			.asLong()).isEqualTo(3);
	}

	@Test
	void visitorRangesAreValidated() {
		long product = catalog.product("1.00", 1);
		String base = "/api/products/" + product + "/stats";
		assertThat(api.get(base + "?from=2026-01-02&to=2026-01-01").send().status()).isEqualTo(400);
		assertThat(api.get(base + "?from=2026-01-01&to=2026-03-01").send().status()).isEqualTo(400);
		assertThat(api.get(base + "?from=yesterday").send().status()).isEqualTo(400);
		assertThat(api.get("/api/products/999999999/stats").send().status()).isEqualTo(404);
	}

	// Active users

	@Test
	void marksAuthenticatedCallersActiveTodayInABitmap() {
		Api.Session user = api.newUser();
		api.get("/api/cart").as(user).send().expect(200);
		recorder.drain();

		String key = "sf:an:dau:{dau}:" + LocalDate.now(ZoneOffset.UTC);
		assertThat(redis.opsForValue().getBit(key, user.userId())).isTrue();
		assertThat(ttl(key)).isBetween(Duration.ofDays(35).minusMinutes(1), Duration.ofDays(35));
		// The count is the bitmap's: the admin's own first call marks the admin too, so read it after that.
		Api.Session admin = catalog.admin();
		api.get("/api/admin/analytics/active-users").as(admin).send().expect(200);
		recorder.drain();
		Long marked = redis.execute((org.springframework.data.redis.core.RedisCallback<Long>) c -> c.stringCommands()
			.bitCount(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
		assertThat(marked).isGreaterThanOrEqualTo(2); // this user and the admin, at least
		assertThat(api.get("/api/admin/analytics/active-users").as(admin).send().expect(200).json()
			.get("activeUsers").asLong()).isEqualTo(marked);
	}

	@Test
	void combinesDaysWithBitopAllOrAny() {
		List<String> keys = List.of("sf:an:dau:{dau}:2020-01-01", "sf:an:dau:{dau}:2020-01-02",
				"sf:an:dau:{dau}:2020-01-03");
		long[][] bits = { { 1, 2, 3 }, { 2, 3 }, { 3, 4 } };
		for (int day = 0; day < 3; day++) {
			for (long user : bits[day]) {
				redis.opsForValue().setBit(keys.get(day), user, true);
			}
		}
		Api.Session admin = catalog.admin();
		try {
			assertThat(activeUsers(admin, "date=2020-01-01")).isEqualTo(3);
			assertThat(activeUsers(admin, "from=2020-01-01&to=2020-01-03&mode=all")).isEqualTo(1);
			assertThat(activeUsers(admin, "from=2020-01-01&to=2020-01-03&mode=any")).isEqualTo(4);
			assertThat(activeUsers(admin, "from=2020-01-01&to=2020-01-02&mode=all")).isEqualTo(2);

			String result = "sf:an:dau:{dau}:all:2020-01-01:2020-01-02";
			assertThat(redis.hasKey(result)).isTrue();
			assertThat(ttl(result)).isBetween(Duration.ofMillis(1), Duration.ofSeconds(10));
		}
		finally {
			redis.delete(keys);
		}
	}

	@Test
	void activeUsersAreForAdminsAndValidated() {
		Api.Session admin = catalog.admin();
		assertThat(api.get("/api/admin/analytics/active-users").as(api.newUser()).send().status()).isEqualTo(403);
		for (String query : List.of("mode=some&from=2020-01-01&to=2020-01-02", "date=2020-01-01&from=2020-01-01",
				"from=2020-01-01", "from=2020-01-01&to=2020-03-01", "from=2020-01-02&to=2020-01-01", "date=soon")) {
			assertThat(api.get("/api/admin/analytics/active-users?" + query).as(admin).send().status()).as(query)
				.isEqualTo(400);
		}
	}

	// Recently viewed

	@Test
	void recentlyViewedListsTheLastProductsNewestFirstWithoutDuplicates() {
		long a = catalog.product("1.00", 1);
		long b = catalog.product("1.00", 1);
		long c = catalog.product("1.00", 1);
		long d = catalog.product("1.00", 1);
		Api.Session user = api.newUser();
		for (long id : new long[] { a, b, a, c, d }) {
			api.get("/api/products/" + id).as(user).send().expect(200);
		}
		catalog.delete(d);
		recorder.drain();

		String key = "sf:an:rv:" + user.userId();
		assertThat(redis.opsForList().range(key, 0, -1))
			.containsExactly(String.valueOf(d), String.valueOf(c), String.valueOf(a), String.valueOf(b));
		assertThat(ttl(key)).isBetween(Duration.ofDays(30).minusMinutes(1), Duration.ofDays(30));

		JsonNode products = api.get("/api/users/me/recently-viewed").as(user).send().expect(200).json();
		List<Long> ids = new ArrayList<>();
		products.forEach(p -> ids.add(p.get("id").asLong()));
		assertThat(ids).containsExactly(c, a, b);
		assertThat(api.get("/api/users/me/recently-viewed").send().status()).isEqualTo(401);
	}

	@Test
	void recentlyViewedKeepsAtMostFiftyEntries() {
		long user = -System.nanoTime();
		for (long product = 1; product <= 60; product++) {
			recentlyViewed.record(user, product);
		}
		recentlyViewed.record(user, 30);
		recorder.drain();
		String key = "sf:an:rv:" + user;
		try {
			List<String> ids = redis.opsForList().range(key, 0, -1);
			assertThat(ids).hasSize(50).startsWith("30", "60", "59").doesNotHaveDuplicates().doesNotContain("10");
		}
		finally {
			redis.delete(key);
		}
	}

	private long activeUsers(Api.Session admin, String query) {
		return api.get("/api/admin/analytics/active-users?" + query).as(admin).send().expect(200).json()
			.get("activeUsers").asLong();
	}

	private long place(Api.Session buyer, Map<Long, Integer> lines) {
		List<Map<String, Object>> items = new ArrayList<>();
		lines.forEach((product, quantity) -> items.add(Map.of("productId", product, "quantity", quantity)));
		return api.post("/api/orders", Map.of("items", items)).as(buyer).send().expect(201).json().get("id").asLong();
	}

	private void pay(Api.Session buyer, long orderId) {
		api.post("/api/orders/" + orderId + "/pay", null).as(buyer).send().expect(200);
	}

	private void cancel(Api.Session buyer, long orderId) {
		api.post("/api/orders/" + orderId + "/cancel", null).as(buyer).send().expect(200);
	}

	private Duration ttl(String key) {
		return Duration.ofMillis(redis.getExpire(key, TimeUnit.MILLISECONDS));
	}

}
