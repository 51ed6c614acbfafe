package dev.storefront.events;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The Lua scripts of the events module, loaded once and run with EVALSHA. They are read with this
 * class's loader, not the thread's: the first use may be on a thread of a web server that stops later.
 */
final class EventScripts {

	/** {@code publish.lua}: XADD unless the event id is already on the stream. */
	static final RedisScript<String> PUBLISH = RedisScript.of(
			new ClassPathResource("scripts/events/publish.lua", EventScripts.class.getClassLoader()), String.class);

	private EventScripts() {
	}

}
