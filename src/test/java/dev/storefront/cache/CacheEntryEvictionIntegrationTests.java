package dev.storefront.cache;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.storefront.support.Api;
import dev.storefront.support.IntegrationTest;
import dev.storefront.support.ProductFixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code DELETE /api/admin/caches/{name}/entries/{key}}, the console's "evict entry". */
@IntegrationTest
class CacheEntryEvictionIntegrationTests {

	@Autowired
	Api api;

	@Autowired
	StringRedisTemplate redis;

	@Test
	void anAdministratorEvictsOneEntryFromRedisAndLeavesTheOthers() {
		ProductFixtures catalog = new ProductFixtures(api);
		long evicted = catalog.product("3.00", 1);
		long kept = catalog.product("4.00", 1);
		api.get("/api/products/" + evicted).send().expect(200);
		api.get("/api/products/" + kept).send().expect(200);
		String evictedKey = CacheKeys.entry("product", String.valueOf(evicted));
		String keptKey = CacheKeys.entry("product", String.valueOf(kept));
		await().atMost(Duration.ofSeconds(5)).until(() -> redis.hasKey(evictedKey) && redis.hasKey(keptKey));

		Api.Session admin = api.admin();
		api.delete("/api/admin/caches/product/entries/" + evicted).as(admin).send().expect(204);

		assertThat(redis.hasKey(evictedKey)).isFalse();
		assertThat(redis.hasKey(keptKey)).isTrue();
		api.delete("/api/admin/caches/product/entries/" + evicted).as(admin).send().expect(204); // absent: no error
		assertThat(api.delete("/api/admin/caches/no-such-cache/entries/1").as(admin).send().status()).isEqualTo(404);
		assertThat(api.delete("/api/admin/caches/product/entries/" + kept).as(api.newUser()).send().status())
			.isEqualTo(403);
	}

}
