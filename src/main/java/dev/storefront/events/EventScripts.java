package dev.storefront.events;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The Lua scripts of the events module, loaded once and run with EVALSHA.
 */
final class EventScripts {

	/** {@code publish.lua}: XADD unless the event id is already on the stream. */
	static final RedisScript<String> PUBLISH = RedisScript
		.of(new ClassPathResource("scripts/events/publish.lua"), String.class);

	private EventScripts() {
	}

}
