package dev.storefront.wishlist;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.storefront.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark, not a test (surefire and failsafe only run it when named): users notified per second by
 * one alert fan-out over {@code bench.followers} followers (20,000), 5% of them stale (their own set no
 * longer holds the product), on the embedded Redis of the test context.
 * <pre>
 * bench/wishlist.sh      # or: ./mvnw -B -o -q test -Dtest=WishlistFanoutBench -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@IntegrationTest
class WishlistFanoutBench {

	private final int followers = Integer.getInteger("bench.followers", 20_000);

	private final int rounds = Integer.getInteger("bench.rounds", 3);

	@Autowired
	AlertFanout fanout;

	@Autowired
	StringRedisTemplate redis;

	@Test
	void usersNotifiedPerSecond() throws Exception {
		long product = 900_000_000L + System.nanoTime() % 1_000_000;
		long firstUser = 800_000_000L;
		int stale = followers / 20;
		seed(product, firstUser, followers, stale);
		fanout.notifyFollowers(product + 1, UUID.randomUUID(), "bench.warm-up", Instant.now(), Map.of()); // no followers
		StringBuilder report = new StringBuilder(String.format("followers=%d stale=%d batch=%d cores=%d%n", followers,
				stale, 500, Runtime.getRuntime().availableProcessors()));
		for (int round = 1; round <= rounds; round++) {
			long started = System.nanoTime();
			long notified = fanout.notifyFollowers(product, UUID.randomUUID(), WishlistAlerts.PRICE_DROP, Instant.now(),
					Map.of("productId", product));
			double seconds = (System.nanoTime() - started) / 1e9;
			assertThat(notified).isEqualTo(followers - stale);
			report.append(String.format("round %d: %d users notified in %.2f s = %.0f users/s%n", round, notified,
					seconds, notified / seconds));
		}
		Path out = Path.of("target/bench-wishlist/result.txt");
		Files.createDirectories(out.getParent());
		Files.writeString(out, report);
		System.out.print(report);
	}

	/** Followers and their own sets, pipelined; the last {@code stale} followers removed the product since. */
	private void seed(long product, long firstUser, int count, int stale) {
		// In chunks: one pipeline of 40,000 commands outlasts the command timeout on a loaded machine.
		for (int from = 0; from < count; from += 1_000) {
			int start = from;
			redis.executePipelined((RedisCallback<Object>) connection -> {
				for (int i = start; i < Math.min(start + 1_000, count); i++) {
					long user = firstUser + i;
					connection.setCommands().sAdd(bytes(WishlistKeys.followers(product)), bytes(Long.toString(user)));
					if (i < count - stale) {
						connection.setCommands().sAdd(bytes(WishlistKeys.user(user)), bytes(Long.toString(product)));
					}
				}
				return null;
			});
		}
	}

	private static byte[] bytes(String value) {
		return value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
	}

}
