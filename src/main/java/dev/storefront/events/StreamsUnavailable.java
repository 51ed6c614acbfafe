package dev.storefront.events;

import java.util.function.Supplier;

import org.redisson.client.RedisConnectionException;
import org.redisson.client.RedisRetryException;
import org.redisson.client.RedisTimeoutException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import dev.storefront.web.DomainException;

/**
 * Redis cannot be reached, so the streams cannot be read or changed right now: 503 with
 * {@code Retry-After}. An error reply from Redis (e.g. WRONGTYPE) is not this: it stays a bug.
 */
class StreamsUnavailable extends DomainException {

	StreamsUnavailable(RuntimeException cause) {
		super(HttpStatus.SERVICE_UNAVAILABLE, "streams-unavailable",
				"The event streams are unavailable (Redis cannot be reached); retry shortly", cause);
		getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
	}

	/** Runs a Redis call, turning an outage into this exception. */
	static <T> T guard(Supplier<T> call) {
		try {
			return call.get();
		}
		catch (RedisConnectionException | RedisTimeoutException | RedisRetryException ex) {
			throw new StreamsUnavailable(ex);
		}
	}

}
