package dev.storefront.ops;

import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * One Redis the application uses, by the name that tags its metrics ({@code state} or {@code cache}).
 *
 * @param name the {@code redis} tag and the key in the endpoint's answer
 * @param factory a Lettuce connection factory, standalone or cluster
 */
record RedisTarget(String name, RedisConnectionFactory factory) {
}
