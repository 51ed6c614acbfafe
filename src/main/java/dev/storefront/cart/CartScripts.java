package dev.storefront.cart;

import java.util.List;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The Lua scripts of the module ({@code scripts/cart/*.lua}), loaded once; each documents its KEYS
 * and ARGV.
 */
final class CartScripts {

	static final RedisScript<Long> PUT = of("put", Long.class);

	static final RedisScript<Long> REMOVE = of("remove", Long.class);

	@SuppressWarnings("rawtypes")
	static final RedisScript<List> READ = of("read", List.class);

	static final RedisScript<Long> REMOVE_ORDERED = of("remove-ordered", Long.class);

	private CartScripts() {
	}

	private static <T> RedisScript<T> of(String name, Class<T> type) {
		// This class's loader, not the thread's: these are read lazily, and a Tomcat request thread's context
		// loader stops with its web server (in tests, a later context's read would then fail).
		return RedisScript.of(new ClassPathResource("scripts/cart/" + name + ".lua", CartScripts.class.getClassLoader()),
				type);
	}

}
