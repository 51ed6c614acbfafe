package dev.storefront.cache;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.LongStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import dev.storefront.support.DevServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An L1 with {@code max-weight} stays within its bytes however many distinct keys callers make up
 * (issue 11 item 9): 10,000 distinct ~1 KB entries in a 256 KB L1.
 */
class L1WeightIntegrationTests {

	private static final DataSize MAX = DataSize.ofKilobytes(256);

	private final String name = "weighed" + UUID.randomUUID().toString().substring(0, 8);

	private final TestStack stack = new TestStack(DevServices.redisUrl(), TestStack.properties(name,
			new CacheSettings(Thing.class.getName(), Duration.ofMinutes(1), 0.1, new CacheSettings.L1(1_000_000,
					Duration.ofMinutes(5), MAX, Duration.ofSeconds(1)), Duration.ZERO, Duration.ZERO, 0, false)));

	@AfterEach
	void stop() throws Exception {
		stack.close();
	}

	@Test
	void tenThousandDistinctEntriesKeepTheInProcessLevelWithinItsWeight() {
		String filler = "x".repeat(1000);
		for (long from = 0; from < 10_000; from += 100) {
			List<Long> ids = LongStream.range(from, from + 100).boxed().toList();
			stack.batch().getAll(name, ids, (Set<Long> missing) -> {
				Map<Long, Thing> loaded = new LinkedHashMap<>();
				missing.forEach(id -> loaded.put(id, new Thing(id, filler + id)));
				return loaded;
			});
		}

		@SuppressWarnings("unchecked")
		var l1 = (com.github.benmanes.caffeine.cache.Cache<String, CacheEntry>) stack.cache(name).getNativeCache();
		l1.cleanUp();
		long weight = l1.policy().eviction().orElseThrow().weightedSize().orElseThrow();
		assertThat(weight).isPositive().isLessThanOrEqualTo(MAX.toBytes());
		assertThat(l1.estimatedSize()).isBetween(50L, 200L);
		assertThat(stack.redis.opsForValue().get("sf:cache:v1:" + name + ":9999")).contains(filler);
	}

}
