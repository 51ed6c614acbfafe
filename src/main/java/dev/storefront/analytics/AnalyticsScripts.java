package dev.storefront.analytics;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The Lua scripts of the module, loaded once. The recorder's scripts are run by their SHA, taken once
 * here: {@code DefaultRedisScript.getSha1} takes a lock on every call, which request threads queued on.
 */
final class AnalyticsScripts {

	static final RedisScript<Long> COUNT_SALE = of("count-sale");

	static final RedisScript<Long> UNCOUNT_SALE = of("uncount-sale");

	static final RedisScript<Long> ADD_VISITOR = of("add-visitor");

	static final RedisScript<Long> MARK_ACTIVE = of("mark-active");

	static final RedisScript<Long> COUNT_ACTIVE = of("count-active");

	static final RedisScript<Long> RECENTLY_VIEWED = of("recently-viewed");

	static final Hot ADD_VISITOR_SHA = new Hot(ADD_VISITOR);

	static final Hot MARK_ACTIVE_SHA = new Hot(MARK_ACTIVE);

	static final Hot RECENTLY_VIEWED_SHA = new Hot(RECENTLY_VIEWED);

	/** What the recorder loads again after a NOSCRIPT (a restarted or failed-over Redis). */
	static final Hot[] RECORDER = { ADD_VISITOR_SHA, MARK_ACTIVE_SHA, RECENTLY_VIEWED_SHA };

	private AnalyticsScripts() {
	}

	private static RedisScript<Long> of(String name) {
		// The class's own loader, not the thread's: a static field may first be touched on a request thread
		// whose web application class loader is gone once that (test) server stops.
		return RedisScript.of(new ClassPathResource("scripts/analytics/" + name + ".lua", AnalyticsScripts.class.getClassLoader()),
				Long.class);
	}

	/** A script with its SHA and source read once. */
	record Hot(String sha, byte[] source) {

		Hot(RedisScript<Long> script) {
			this(script.getSha1(), script.getScriptAsString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
		}

	}

}
