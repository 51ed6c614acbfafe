package dev.storefront.cache;

import java.time.Duration;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;

import dev.storefront.support.DevServices;

import static org.awaitility.Awaitility.await;

/**
 * Starts the shared test Redis and waits until it answers, before a Spring context connects to it
 * with the app's 500 ms timeouts (a freshly forked redis-server on a busy 2-core machine can miss them).
 */
public final class WarmRedis {

	private WarmRedis() {
	}

	public static void awaitResponsive() {
		RedisURI uri = RedisURI.create(DevServices.redisUrl());
		uri.setTimeout(Duration.ofSeconds(5));
		RedisClient client = RedisClient.create(uri);
		try {
			await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
				try (var connection = client.connect()) {
					return "PONG".equals(connection.sync().ping());
				}
			});
		}
		finally {
			client.shutdown();
		}
	}

}
