package dev.storefront.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The Lua scripts of this module ({@code scripts/cache/*.lua}), read once. Spring Data runs them by
 * EVALSHA and falls back to EVAL when Redis does not know the digest; pipelines send the source.
 */
final class CacheScripts {

	static final RedisScript<Long> UNLOCK = load("unlock", Long.class);

	@SuppressWarnings("rawtypes")
	static final RedisScript<List> GET_OR_LOCK = load("get-or-lock", List.class);

	static final RedisScript<Long> SET_AND_UNLOCK = load("set-and-unlock", Long.class);

	static final RedisScript<Long> SET_IF_NEWER = load("set-if-newer", Long.class);

	static final RedisScript<Long> TAG_ADD = load("tag-add", Long.class);

	static final RedisScript<Long> TAG_DETACH = load("tag-detach", Long.class);

	private CacheScripts() {
	}

	private static <T> RedisScript<T> load(String name, Class<T> type) {
		// Read eagerly with this class's loader, not whichever context class loader runs the first call.
		ClassPathResource resource = new ClassPathResource("scripts/cache/" + name + ".lua",
				CacheScripts.class.getClassLoader());
		try {
			return new DefaultRedisScript<>(resource.getContentAsString(StandardCharsets.UTF_8), type);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Missing cache script " + resource.getPath(), ex);
		}
	}

}
