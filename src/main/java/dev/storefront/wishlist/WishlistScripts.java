package dev.storefront.wishlist;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The Lua scripts of the module ({@code scripts/wishlist/*.lua}), loaded once; each documents its KEYS
 * and ARGV.
 */
final class WishlistScripts {

	static final RedisScript<Long> ADD = RedisScript.of(
			new ClassPathResource("scripts/wishlist/add.lua", WishlistScripts.class.getClassLoader()), Long.class);

	private WishlistScripts() {
	}

}
