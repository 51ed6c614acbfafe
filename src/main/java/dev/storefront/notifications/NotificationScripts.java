package dev.storefront.notifications;

import java.util.List;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The Lua scripts of the module, loaded once; Spring runs them with EVALSHA.
 */
final class NotificationScripts {

	@SuppressWarnings({ "rawtypes", "unchecked" })
	static final RedisScript<List<Object>> APPEND = (RedisScript) RedisScript
		.of(new ClassPathResource("scripts/notifications/append.lua", NotificationScripts.class.getClassLoader()),
			List.class);

	private NotificationScripts() {
	}

}
