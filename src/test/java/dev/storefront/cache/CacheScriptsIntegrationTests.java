package dev.storefront.cache;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.storefront.support.DevServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Lua scripts of the cache module, each against real Redis.
 */
class CacheScriptsIntegrationTests {

	private final TestStack stack = new TestStack(DevServices.redisUrl(),
			TestStack.properties("scripts", TestStack.settings(Duration.ofMinutes(1), Duration.ZERO, 0)));

	private final String id = UUID.randomUUID().toString();

	@AfterEach
	void stop() throws Exception {
		stack.close();
	}

	@Test
	void unlockDeletesOnlyTheOwnersLock() {
		String lock = "sf:cache:lock:test:" + id;
		stack.redis.opsForValue().set(lock, "owner", Duration.ofSeconds(10));

		assertThat(stack.redis.execute(L2Store.UNLOCK, List.of(lock), "intruder")).isZero();
		assertThat(stack.redis.hasKey(lock)).isTrue();
		assertThat(stack.redis.execute(L2Store.UNLOCK, List.of(lock), "owner")).isEqualTo(1);
		assertThat(stack.redis.hasKey(lock)).isFalse();
	}

	@Test
	void tagAddOnlyEverExtendsTheSetTtl() {
		String tag = "sf:cache:tag:{" + id + "}";
		stack.redis.execute(TagIndex.ADD, List.of(tag), "k1", "60000");
		stack.redis.execute(TagIndex.ADD, List.of(tag), "k2", "10000");

		assertThat(stack.redis.opsForSet().members(tag)).containsExactlyInAnyOrder("k1", "k2");
		assertThat(stack.redis.getExpire(tag, TimeUnit.MILLISECONDS)).isBetween(50_000L, 60_000L);
		stack.redis.execute(TagIndex.ADD, List.of(tag), "k3", "120000");
		assertThat(stack.redis.getExpire(tag, TimeUnit.MILLISECONDS)).isBetween(110_000L, 120_000L);
	}

	@Test
	void tagDetachMovesTheSetAtomicallyAndExpiresTheCopy() {
		String tag = "sf:cache:tag:{" + id + "}";
		String detached = tag + ":detached:x";
		assertThat(stack.redis.execute(TagIndex.DETACH, List.of(tag, detached), "60000")).isZero();
		stack.redis.opsForSet().add(tag, "k1");

		assertThat(stack.redis.execute(TagIndex.DETACH, List.of(tag, detached), "60000")).isEqualTo(1);

		assertThat(stack.redis.hasKey(tag)).isFalse();
		assertThat(stack.redis.opsForSet().members(detached)).containsExactly("k1");
		assertThat(stack.redis.getExpire(detached, TimeUnit.MILLISECONDS)).isBetween(50_000L, 60_000L);
		stack.redis.delete(detached);
	}

}
