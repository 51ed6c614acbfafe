package dev.storefront.wishlist;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Repository;

/**
 * Wishlist storage in the state Redis: the user's set and each product's followers, no TTL. The two live
 * in different Cluster slots, so they are written by separate single-key commands in an order chosen so
 * that a failure between them can only leave an extra follower, which the alert fan-out skips because it
 * checks the user's own set (decision 0140). Redis failures become {@link WishlistUnavailable} (503).
 */
@Repository
class Wishlists {

	private final StringRedisTemplate redis;

	private final WishlistProperties properties;

	Wishlists(StringRedisTemplate redis, WishlistProperties properties) {
		this.redis = redis;
		this.properties = properties;
	}

	/**
	 * Adds the product; a retry of a half-done add completes it.
	 * @return whether it was not there before
	 * @throws WishlistFull if the wishlist already holds the most products allowed
	 */
	boolean add(long userId, long productId) {
		String follower = Long.toString(userId);
		String followers = WishlistKeys.followers(productId);
		// Follower first: if the user's set is not written after it, the fan-out skips this entry.
		call(() -> redis.opsForSet().add(followers, follower));
		Long added = call(() -> redis.execute(WishlistScripts.ADD, List.of(WishlistKeys.user(userId)),
				Long.toString(productId), Integer.toString(properties.maxProducts())));
		if (added != null && added < 0) {
			call(() -> redis.opsForSet().remove(followers, follower));
			throw new WishlistFull(properties.maxProducts());
		}
		return added != null && added == 1;
	}

	/** Removes the product, the user's set first (so a failure leaves at most an extra follower). */
	boolean remove(long userId, long productId) {
		Long removed = call(() -> redis.opsForSet().remove(WishlistKeys.user(userId), Long.toString(productId)));
		call(() -> redis.opsForSet().remove(WishlistKeys.followers(productId), Long.toString(userId)));
		return removed != null && removed > 0;
	}

	/** Every product id on the wishlist, ascending (at most {@code max-products}, so one SMEMBERS). */
	List<Long> productIds(long userId) {
		Set<String> members = call(() -> redis.opsForSet().members(WishlistKeys.user(userId)));
		return members == null ? List.of() : members.stream().map(Long::valueOf).sorted().toList();
	}

	/** Which of {@code productIds} are on the wishlist: one SMISMEMBER. */
	Set<Long> among(long userId, Collection<Long> productIds) {
		Map<Object, Boolean> found = call(() -> redis.opsForSet().isMember(WishlistKeys.user(userId),
				productIds.stream().map(String::valueOf).toArray()));
		if (found == null) {
			return Set.of();
		}
		return found.entrySet().stream().filter(e -> Boolean.TRUE.equals(e.getValue()))
			.map(e -> Long.valueOf(e.getKey().toString())).collect(Collectors.toSet());
	}

	private static <T> T call(Supplier<T> command) {
		try {
			return command.get();
		}
		catch (DataAccessException ex) {
			throw new WishlistUnavailable(ex);
		}
	}

}
