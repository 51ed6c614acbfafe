package dev.storefront.analytics;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The Lua scripts of the module, loaded once; Spring runs them with EVALSHA and falls back to EVAL
 * only when the server does not know the hash yet.
 */
final class AnalyticsScripts {

	static final RedisScript<Long> COUNT_SALE = of("count-sale");

	static final RedisScript<Long> UNCOUNT_SALE = of("uncount-sale");

	static final RedisScript<Long> ADD_VISITOR = of("add-visitor");

	static final RedisScript<Long> MARK_ACTIVE = of("mark-active");

	static final RedisScript<Long> COUNT_ACTIVE = of("count-active");

	static final RedisScript<Long> RECENTLY_VIEWED = of("recently-viewed");

	private AnalyticsScripts() {
	}

	private static RedisScript<Long> of(String name) {
		// The class's own loader, not the thread's: a static field may first be touched on a request thread
		// whose web application class loader is gone once that (test) server stops.
		return RedisScript.of(new ClassPathResource("scripts/analytics/" + name + ".lua", AnalyticsScripts.class.getClassLoader()),
				Long.class);
	}

}
