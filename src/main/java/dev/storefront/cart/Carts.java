package dev.storefront.cart;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Repository;

/**
 * Cart storage in Redis. Each change is one Lua script, so a line, the bookkeeping fields and the
 * sliding TTL always move together. Redis failures become {@link CartUnavailable} (503).
 */
@Repository
class Carts {

	private final StringRedisTemplate redis;

	private final CartProperties properties;

	Carts(StringRedisTemplate redis, CartProperties properties) {
		this.redis = redis;
		this.properties = properties;
	}

	/** Reads the cart and slides its TTL. */
	CartSnapshot read(long userId) {
		List<?> flat = call(() -> redis.execute(CartScripts.READ, List.of(CartKeys.cart(userId)), ttl()));
		Map<String, String> hash = new LinkedHashMap<>();
		for (int i = 0; i + 1 < flat.size(); i += 2) {
			hash.put(String.valueOf(flat.get(i)), String.valueOf(flat.get(i + 1)));
		}
		return CartSnapshot.of(hash);
	}

	void put(long userId, long productId, int quantity) {
		Long result = call(() -> redis.execute(CartScripts.PUT, List.of(CartKeys.cart(userId)), String.valueOf(productId),
				String.valueOf(quantity), ttl(), String.valueOf(properties.maxLines()), UUID.randomUUID().toString()));
		if (result != null && result < 0) {
			throw new CartFull(properties.maxLines());
		}
	}

	boolean remove(long userId, long productId) {
		Long removed = call(() -> redis.execute(CartScripts.REMOVE, List.of(CartKeys.cart(userId)), String.valueOf(productId), ttl()));
		return removed != null && removed > 0;
	}

	void clear(long userId) {
		call(() -> redis.delete(CartKeys.cart(userId)));
	}

	/** Removes the lines of {@code ordered} whose quantity is still the one ordered. */
	long removeOrdered(long userId, Map<Long, Integer> ordered) {
		List<String> args = new ArrayList<>();
		args.add(ttl());
		ordered.forEach((productId, quantity) -> {
			args.add(String.valueOf(productId));
			args.add(String.valueOf(quantity));
		});
		Long removed = call(() -> redis.execute(CartScripts.REMOVE_ORDERED, List.of(CartKeys.cart(userId)), args.toArray()));
		return removed == null ? 0 : removed;
	}

	private String ttl() {
		return String.valueOf(properties.ttl().toMillis());
	}

	private static <T> T call(Supplier<T> command) {
		try {
			return command.get();
		}
		catch (DataAccessException ex) {
			throw new CartUnavailable(ex);
		}
	}

}
