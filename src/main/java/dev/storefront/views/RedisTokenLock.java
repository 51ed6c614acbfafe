package dev.storefront.views;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * {@code SET key token NX PX ttl}, released by compare-and-delete, so an instance never releases a
 * lock that expired and was taken by another.
 */
final class RedisTokenLock implements FlushLock {

	static final RedisScript<Long> UNLOCK = RedisScript.of(new ClassPathResource("scripts/views/unlock.lua"), Long.class);

	private final StringRedisTemplate redis;

	private final String key;

	private final Duration ttl;

	RedisTokenLock(StringRedisTemplate redis, String key, Duration ttl) {
		this.redis = redis;
		this.key = key;
		this.ttl = ttl;
	}

	@Override
	public Optional<Lease> tryAcquire() {
		String token = UUID.randomUUID().toString();
		if (!Boolean.TRUE.equals(redis.opsForValue().setIfAbsent(key, token, ttl))) {
			return Optional.empty();
		}
		return Optional.of(() -> redis.execute(UNLOCK, List.of(key), token));
	}

}
