package dev.storefront.ratelimit;

import java.util.List;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The Lua scripts of this module, loaded once; Spring Data runs them by EVALSHA and falls back to EVAL
 * only when Redis does not know the digest yet.
 */
final class RateLimitScripts {

	static final RedisScript<List> FIXED_WINDOW = load("fixed-window");

	static final RedisScript<List> SLIDING_LOG = load("sliding-log");

	private RateLimitScripts() {
	}

	private static RedisScript<List> load(String name) {
		DefaultRedisScript<List> script = new DefaultRedisScript<>();
		script.setLocation(new ClassPathResource("scripts/ratelimit/" + name + ".lua"));
		script.setResultType(List.class);
		return script;
	}

}
