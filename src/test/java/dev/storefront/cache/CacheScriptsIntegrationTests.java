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

		assertThat(stack.redis.execute(CacheScripts.UNLOCK, List.of(lock), "intruder")).isZero();
		assertThat(stack.redis.hasKey(lock)).isTrue();
		assertThat(stack.redis.execute(CacheScripts.UNLOCK, List.of(lock), "owner")).isEqualTo(1);
		assertThat(stack.redis.hasKey(lock)).isFalse();
	}

	@Test
	void getOrLockReturnsTheEntryOrTakesTheLockOnce() {
		String entry = "sf:cache:v1:test:" + id;
		String lock = CacheKeys.lock(entry);

		assertThat(stack.redis.execute(CacheScripts.GET_OR_LOCK, List.of(entry, lock), "me", "10000")).containsExactly(2L);
		assertThat(stack.redis.opsForValue().get(lock)).isEqualTo("me");
		assertThat(stack.redis.getExpire(lock, TimeUnit.MILLISECONDS)).isBetween(9_000L, 10_000L);
		assertThat(stack.redis.execute(CacheScripts.GET_OR_LOCK, List.of(entry, lock), "peer", "10000")).containsExactly(0L);
		assertThat(stack.redis.opsForValue().get(lock)).isEqualTo("me");

		stack.redis.opsForValue().set(entry, "{\"v\":1}", Duration.ofSeconds(10));
		assertThat(stack.redis.execute(CacheScripts.GET_OR_LOCK, List.of(entry, lock), "peer", "10000"))
			.containsExactly(1L, "{\"v\":1}");
		stack.redis.delete(List.of(entry, lock));
	}

	@Test
	void setAndUnlockWritesTheEntryAndReleasesOnlyTheOwnersLock() {
		String entry = "sf:cache:v1:test:" + id;
		String lock = CacheKeys.lock(entry);
		stack.redis.opsForValue().set(lock, "owner", Duration.ofSeconds(10));

		assertThat(stack.redis.execute(CacheScripts.SET_AND_UNLOCK, List.of(entry, lock), "{\"n\":-1,\"v\":\"a\"}",
				"60000", "intruder", "-1")).isEqualTo(1);
		assertThat(stack.redis.opsForValue().get(entry)).isEqualTo("{\"n\":-1,\"v\":\"a\"}");
		assertThat(stack.redis.hasKey(lock)).isTrue();

		assertThat(stack.redis.execute(CacheScripts.SET_AND_UNLOCK, List.of(entry, lock), "{\"n\":-1,\"v\":\"b\"}",
				"60000", "owner", "-1")).isEqualTo(1);
		assertThat(stack.redis.opsForValue().get(entry)).isEqualTo("{\"n\":-1,\"v\":\"b\"}");
		assertThat(stack.redis.getExpire(entry, TimeUnit.MILLISECONDS)).isBetween(50_000L, 60_000L);
		assertThat(stack.redis.hasKey(lock)).isFalse();
		stack.redis.delete(entry);
	}

	@Test
	void setAndUnlockNeverReplacesANewerVersionButStillReleasesTheLock() {
		String entry = "sf:cache:v1:test:" + id;
		String lock = CacheKeys.lock(entry);
		stack.redis.opsForValue().set(entry, "{\"n\":7,\"v\":\"seven\"}", Duration.ofSeconds(60));
		stack.redis.opsForValue().set(lock, "owner", Duration.ofSeconds(10));

		assertThat(stack.redis.execute(CacheScripts.SET_AND_UNLOCK, List.of(entry, lock), "{\"n\":6,\"v\":\"six\"}",
				"60000", "owner", "6")).isZero();

		assertThat(stack.redis.opsForValue().get(entry)).isEqualTo("{\"n\":7,\"v\":\"seven\"}");
		assertThat(stack.redis.hasKey(lock)).isFalse();
		stack.redis.delete(entry);
	}

	@Test
	void setIfNewerReplacesOnlyAnOlderOrEqualVersionAndNeverAVersionWithNone() {
		String entry = "sf:cache:v1:test:" + id;
		stack.redis.opsForValue().set(entry, "{\"n\":7,\"v\":\"seven\"}", Duration.ofSeconds(60));

		assertThat(stack.redis.execute(CacheScripts.SET_IF_NEWER, List.of(entry), "{\"n\":6}", "60000", "6")).isZero();
		assertThat(stack.redis.execute(CacheScripts.SET_IF_NEWER, List.of(entry), "{\"n\":-1}", "60000", "-1")).isZero();
		assertThat(stack.redis.opsForValue().get(entry)).isEqualTo("{\"n\":7,\"v\":\"seven\"}");

		assertThat(stack.redis.execute(CacheScripts.SET_IF_NEWER, List.of(entry), "{\"n\":7,\"v\":\"again\"}", "60000",
				"7")).isEqualTo(1);
		assertThat(stack.redis.execute(CacheScripts.SET_IF_NEWER, List.of(entry), "{\"n\":8}", "30000", "8")).isEqualTo(1);
		assertThat(stack.redis.opsForValue().get(entry)).isEqualTo("{\"n\":8}");
		assertThat(stack.redis.getExpire(entry, TimeUnit.MILLISECONDS)).isBetween(20_000L, 30_000L);

		stack.redis.opsForValue().set(entry, "{\"n\":-1,\"v\":null}", Duration.ofSeconds(60));
		assertThat(stack.redis.execute(CacheScripts.SET_IF_NEWER, List.of(entry), "{\"n\":-1,\"v\":[]}", "60000", "-1"))
			.isEqualTo(1);
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
		String gen = tag + ":gen";
		stack.redis.execute(CacheScripts.TAG_ADD, List.of(tag, gen), "k1", "60000", "");
		stack.redis.execute(CacheScripts.TAG_ADD, List.of(tag, gen), "k2", "10000", "0");

		assertThat(stack.redis.opsForSet().members(tag)).containsExactlyInAnyOrder("k1", "k2");
		assertThat(stack.redis.getExpire(tag, TimeUnit.MILLISECONDS)).isBetween(50_000L, 60_000L);
		stack.redis.execute(CacheScripts.TAG_ADD, List.of(tag, gen), "k3", "120000", "");
		assertThat(stack.redis.getExpire(tag, TimeUnit.MILLISECONDS)).isBetween(110_000L, 120_000L);
		stack.redis.delete(tag);
	}

	@Test
	void tagAddRefusesAnEntryWhoseLoadBeganBeforeTheTagsLastInvalidation() {
		String tag = "sf:cache:tag:{" + id + "}";
		String gen = tag + ":gen";
		String detached = tag + ":detached:x";
		stack.redis.execute(CacheScripts.TAG_DETACH, List.of(tag, detached, gen), "60000");

		assertThat(stack.redis.execute(CacheScripts.TAG_ADD, List.of(tag, gen), "k1", "60000", "0")).isZero();
		assertThat(stack.redis.hasKey(tag)).isFalse();
		assertThat(stack.redis.execute(CacheScripts.TAG_ADD, List.of(tag, gen), "k1", "60000", "1")).isEqualTo(1);
		assertThat(stack.redis.opsForSet().members(tag)).containsExactly("k1");
		stack.redis.delete(List.of(tag, gen));
	}

	@Test
	void tagDetachBumpsTheGenerationAndMovesTheSetAtomicallyKeepingItsTtl() {
		String tag = "sf:cache:tag:{" + id + "}";
		String gen = tag + ":gen";
		String detached = tag + ":detached:x";
		assertThat(stack.redis.execute(CacheScripts.TAG_DETACH, List.of(tag, detached, gen), "60000")).isZero();
		assertThat(stack.redis.opsForValue().get(gen)).isEqualTo("1");
		assertThat(stack.redis.getExpire(gen, TimeUnit.MILLISECONDS)).isBetween(50_000L, 60_000L);
		stack.redis.opsForSet().add(tag, "k1");
		stack.redis.expire(tag, Duration.ofMinutes(10));

		assertThat(stack.redis.execute(CacheScripts.TAG_DETACH, List.of(tag, detached, gen), "60000")).isEqualTo(1);

		assertThat(stack.redis.opsForValue().get(gen)).isEqualTo("2");
		assertThat(stack.redis.hasKey(tag)).isFalse();
		assertThat(stack.redis.opsForSet().members(detached)).containsExactly("k1");
		assertThat(stack.redis.getExpire(detached, TimeUnit.SECONDS)).isBetween(590L, 600L);
		assertThat(SlotHash.getSlot(gen)).isEqualTo(SlotHash.getSlot(tag)).isEqualTo(SlotHash.getSlot(detached));
		stack.redis.delete(List.of(detached, gen));
	}

}
