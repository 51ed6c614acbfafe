package dev.storefront.ratelimit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
		// Read eagerly with this class's loader: a lazily read resource would depend on whichever thread
		// context class loader runs the first request.
		ClassPathResource resource = new ClassPathResource("scripts/ratelimit/" + name + ".lua",
				RateLimitScripts.class.getClassLoader());
		try {
			return new DefaultRedisScript<>(resource.getContentAsString(StandardCharsets.UTF_8), List.class);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Missing rate limit script " + resource.getPath(), ex);
		}
	}

}
