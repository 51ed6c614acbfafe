package dev.storefront.cache;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.cluster.SlotHash;
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
		String lock = CacheKeys.lock("sf:cache:v1:test:" + id);
		stack.redis.opsForValue().set(lock, "owner", Duration.ofSeconds(10));

		assertThat(stack.redis.execute(L2Store.UNLOCK, List.of(lock), "intruder")).isZero();
		assertThat(stack.redis.hasKey(lock)).isTrue();
		assertThat(stack.redis.execute(L2Store.UNLOCK, List.of(lock), "owner")).isEqualTo(1);
		assertThat(stack.redis.hasKey(lock)).isFalse();
	}

	@Test
	void getOrLockReturnsTheEntryOrTakesTheLockOnce() {
		String entry = "sf:cache:v1:test:" + id;
		String lock = CacheKeys.lock(entry);

		assertThat(stack.redis.execute(L2Store.GET_OR_LOCK, List.of(entry, lock), "me", "10000")).containsExactly(2L);
		assertThat(stack.redis.opsForValue().get(lock)).isEqualTo("me");
		assertThat(stack.redis.getExpire(lock, TimeUnit.MILLISECONDS)).isBetween(9_000L, 10_000L);
		assertThat(stack.redis.execute(L2Store.GET_OR_LOCK, List.of(entry, lock), "peer", "10000")).containsExactly(0L);
		assertThat(stack.redis.opsForValue().get(lock)).isEqualTo("me");

		stack.redis.opsForValue().set(entry, "{\"v\":1}", Duration.ofSeconds(10));
		assertThat(stack.redis.execute(L2Store.GET_OR_LOCK, List.of(entry, lock), "peer", "10000"))
			.containsExactly(1L, "{\"v\":1}");
		stack.redis.delete(List.of(entry, lock));
	}

	@Test
	void setAndUnlockWritesTheEntryAndReleasesOnlyTheOwnersLock() {
		String entry = "sf:cache:v1:test:" + id;
		String lock = CacheKeys.lock(entry);
		stack.redis.opsForValue().set(lock, "owner", Duration.ofSeconds(10));

		assertThat(stack.redis.execute(L2Store.SET_AND_UNLOCK, List.of(entry, lock), "a", "60000", "intruder")).isZero();
		assertThat(stack.redis.opsForValue().get(entry)).isEqualTo("a");
		assertThat(stack.redis.hasKey(lock)).isTrue();

		assertThat(stack.redis.execute(L2Store.SET_AND_UNLOCK, List.of(entry, lock), "b", "60000", "owner")).isEqualTo(1);
		assertThat(stack.redis.opsForValue().get(entry)).isEqualTo("b");
		assertThat(stack.redis.getExpire(entry, TimeUnit.MILLISECONDS)).isBetween(50_000L, 60_000L);
		assertThat(stack.redis.hasKey(lock)).isFalse();
		stack.redis.delete(entry);
	}

	@Test
	void aLockSharesItsEntrysClusterSlotWhateverTheKey() {
		for (String entry : List.of("sf:cache:v1:product:42", "sf:cache:v1:x:{tag}rest", "sf:cache:v1:x:a}b",
				"sf:cache:v1:x:{}y", "sf:cache:v1:x:{" + id)) {
			String lock = CacheKeys.lock(entry);
			assertThat(lock).startsWith("sf:cache:lock:{").endsWith(entry.substring(CacheKeys.ENTRY_PREFIX.length()));
			assertThat(SlotHash.getSlot(lock)).as(lock).isEqualTo(SlotHash.getSlot(entry));
		}
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
