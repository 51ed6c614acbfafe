package dev.storefront.catalog;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import dev.storefront.support.Api;
import dev.storefront.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalog on the two-level cache, end to end over HTTP, asserting the raw Redis keys and TTLs.
 */
@IntegrationTest
class CatalogCacheIntegrationTests {

	static {
		dev.storefront.cache.WarmRedis.awaitResponsive();
	}

	@Autowired
	io.micrometer.core.instrument.MeterRegistry meters;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	ProductService products;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	Inventory inventory;

	@Autowired
	Api api;

	Api.Session admin;

	long categoryA;

	long categoryB;

	long productA;

	long productB;

	@BeforeEach
	void catalog() {
		admin = api.admin();
		categoryA = category();
		categoryB = category();
		productA = product(categoryA, "Alpha");
		product(categoryA, "Alpha two");
		productB = product(categoryB, "Beta");
	}

	@Test
	void aProductReadIsCachedUnderAVersionedKeyWithTheConfiguredTtl() {
		api.get("/api/products/" + productA).send().expect(200);

		String key = "sf:cache:v1:product:" + productA;
		assertThat(redis.opsForValue().get(key)).contains("\"name\":\"Alpha\"");
		// ttl 15 min + up to 10% jitter + 1 min stale window
		assertThat(redis.getExpire(key, TimeUnit.SECONDS)).isBetween(16 * 60L - 5, 17 * 60L + 30);
	}

	@Test
	void aMissingProductIsCachedAsNotFoundForTheNullTtl() {
		long missing = 9_000_000_000L + System.nanoTime() % 1_000_000;
		api.get("/api/products/" + missing).send().expect(404);
		api.get("/api/products/" + missing).send().expect(404);

		String key = "sf:cache:v1:product:" + missing;
		assertThat(redis.opsForValue().get(key)).contains("\"v\":null");
		assertThat(redis.getExpire(key, TimeUnit.SECONDS)).isBetween(1L, 30L);
	}

	@Test
	void aRolledBackUpdateLeavesTheCacheUntouched() {
		api.get("/api/products/" + productA).send().expect(200);
		api.get("/api/products?category=" + categoryA).send().expect(200);
		String key = "sf:cache:v1:product:" + productA;
		String before = redis.opsForValue().get(key);

		transactions.executeWithoutResult(status -> {
			products.update(productA, request(categoryA, "Rolled back", "SKU-RB-" + productA), null);
			status.setRollbackOnly();
		});

		assertThat(redis.opsForValue().get(key)).isEqualTo(before);
		assertThat(redis.hasKey("sf:cache:tag:{category:" + categoryA + "}")).isTrue();
		assertThat(api.get("/api/products/" + productA).send().expect(200).json().get("name").asString())
			.isEqualTo("Alpha");
	}

	@Test
	void aCommittedUpdateWritesThroughAndInvalidatesOnlyItsCategoryListings() {
		api.get("/api/products/" + productA).send().expect(200);
		api.get("/api/products?category=" + categoryA).send().expect(200);
		api.get("/api/products?category=" + categoryB).send().expect(200);
		String tagA = "sf:cache:tag:{category:" + categoryA + "}";
		String tagB = "sf:cache:tag:{category:" + categoryB + "}";
		String listingA = redis.opsForSet().members(tagA).iterator().next();
		String listingB = redis.opsForSet().members(tagB).iterator().next();
		assertThat(redis.getExpire(tagA, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(redis.getExpire(listingA, TimeUnit.SECONDS));

		api.put("/api/products/" + productA, request(categoryA, "Alpha renamed", "SKU-" + productA)).as(admin).send()
			.expect(200);

		assertThat(redis.opsForValue().get("sf:cache:v1:product:" + productA)).contains("\"Alpha renamed\"");
		assertThat(redis.hasKey(listingA)).isFalse();
		assertThat(redis.hasKey(tagA)).isFalse();
		assertThat(redis.hasKey(listingB)).isTrue();
		assertThat(api.get("/api/products?category=" + categoryA).send().expect(200).body()).contains("Alpha renamed");
	}

	@Test
	void stockTakenAndGivenBackForOrdersShowsInTheCachedListingsAtOnce() {
		int before = stockInListing("/api/products?category=" + categoryA, productA);
		assertThat(stockInListing("/api/products?size=100&sort=id,desc", productA)).isEqualTo(before);

		transactions.executeWithoutResult(status -> inventory.take(productA, 2));

		assertThat(stockInListing("/api/products?category=" + categoryA, productA)).isEqualTo(before - 2);
		assertThat(stockInListing("/api/products?size=100&sort=id,desc", productA)).isEqualTo(before - 2);

		transactions.executeWithoutResult(status -> inventory.giveBack(productA, 2));

		assertThat(stockInListing("/api/products?category=" + categoryA, productA)).isEqualTo(before);
	}

	private int stockInListing(String path, long productId) {
		for (var product : api.get(path).send().expect(200).json().get("content")) {
			if (product.get("id").asLong() == productId) {
				return product.get("stock").asInt();
			}
		}
		throw new AssertionError("product " + productId + " not in " + path);
	}

	@Test
	void theBatchEndpointCachesWhatItLoads() {
		long missing = 8_000_000_000L + System.nanoTime() % 1_000_000;
		var body = api.get("/api/products/batch?ids=" + productA + "," + productB + "," + missing).send().expect(200).json();

		assertThat(body.size()).isEqualTo(2);
		assertThat(redis.hasKey("sf:cache:v1:product:" + productB)).isTrue();
		assertThat(redis.opsForValue().get("sf:cache:v1:product:" + missing)).contains("\"v\":null");
	}

	@Test
	void adminsClearACacheOrATagAndSeeHitRatios() {
		long[] before = gets("product");
		api.get("/api/products/" + productA).send().expect(200);
		api.get("/api/products/" + productA).send().expect(200);
		long[] after = gets("product");
		// Two reads, each counted once in L1; the second one at least is an L1 hit.
		assertThat(after[0] + after[1] - before[0] - before[1]).isEqualTo(2);
		assertThat(after[0] - before[0]).isPositive();
		api.get("/api/products?category=" + categoryB).send().expect(200);

		var stats = api.get("/actuator/cachestats").as(admin).send().expect(200).json().get("product");
		long[] now = gets("product");
		assertThat(stats.get("gets").asLong()).isEqualTo(now[0] + now[1]);
		// Served without a load: the L1 hits and the L2 hits, of all reads that did not end in a load or did.
		assertThat(stats.get("hitRatio").asDouble()).isEqualTo((double) (now[0] + now[2]) / (now[0] + now[2] + now[3]));
		assertThat(stats.get("l1HitRatio").asDouble()).isEqualTo((double) now[0] / (now[0] + now[1]));
		assertThat(api.get("/actuator/cachestats").as(api.newUser()).send().status()).isEqualTo(403);

		api.delete("/api/admin/caches/tags/category:" + categoryB).as(admin).send().expect(204);
		assertThat(redis.hasKey("sf:cache:tag:{category:" + categoryB + "}")).isFalse();

		api.delete("/api/admin/caches/product").as(admin).send().expect(204);
		assertThat(redis.hasKey("sf:cache:v1:product:" + productA)).isFalse();
		assertThat(api.delete("/api/admin/caches/nope").as(admin).send().expect(404).body()).contains("unknown-cache");
		assertThat(api.delete("/api/admin/caches/product").send().status()).isIn(401, 403);
	}

	/** The product cache's reads so far: L1 hits, L1 misses, L2 hits, L2 misses. */
	private long[] gets(String cache) {
		long[] counts = new long[4];
		String[][] series = { { "l1", "hit" }, { "l1", "miss" }, { "l2", "hit" }, { "l2", "miss" } };
		for (int i = 0; i < counts.length; i++) {
			var counter = meters.find("storefront.cache.gets")
				.tags("cache", cache, "level", series[i][0], "result", series[i][1])
				.counter();
			counts[i] = counter == null ? 0 : (long) counter.count();
		}
		return counts;
	}

	private long category() {
		String name = "Cat " + UUID.randomUUID().toString().substring(0, 8);
		return api.post("/api/categories", Map.of("name", name)).as(admin).send().expect(201).json().get("id").asLong();
	}

	private long product(long category, String name) {
		String sku = "SKU-" + UUID.randomUUID();
		return api.post("/api/products", request(category, name, sku)).as(admin).send().expect(201).json().get("id")
			.asLong();
	}

	private static ProductRequest request(long category, String name, String sku) {
		return new ProductRequest(sku, null, name, "d", new BigDecimal("9.99"), "EUR", 5, category);
	}

}
