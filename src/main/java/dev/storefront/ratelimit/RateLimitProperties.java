package dev.storefront.ratelimit;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Rate limiting settings. Policies are a map keyed by policy name (not a list) so that one policy, or one
 * field of it, can be overridden through an environment variable or a {@code --} argument without
 * restating the others, e.g. {@code STOREFRONT_RATELIMIT_POLICIES_LOGIN_LIMIT=10}.
 *
 * @param enabled switches the filter off entirely (benchmarks of other layers)
 * @param trustedProxies IP addresses or CIDR ranges whose {@code X-Forwarded-For} is believed; from any
 * other peer the header is ignored (default: none)
 * @param exemptPaths path patterns that are never limited (actuator, health)
 * @param maxKeyBody the largest body read to find a key field (login); larger bodies are refused with 413
 * @param timeout how long a token bucket call waits for Redis before the failure mode applies
 * @param clockRefresh how often each instance re-measures its offset to Redis's clock ({@code TIME}), which
 * token buckets use instead of the local clock
 * @param failureLogInterval fail-open refusals of Redis are logged at most once per this interval
 * @param policies the policies by name; every policy that matches a request applies
 * @param ipv4PrefixLength an IPv4 client is counted by its network of this many bits (32: each address)
 * @param ipv6PrefixLength an IPv6 client is counted by its network of this many bits (64: one subscriber's
 * /64, in which every address is one identity, as any host there can pick a new address at will)
 */
@ConfigurationProperties("storefront.ratelimit")
public record RateLimitProperties(@DefaultValue("true") boolean enabled,
		@Nullable List<String> trustedProxies,
		@DefaultValue({ "/actuator", "/actuator/**" }) List<String> exemptPaths,
		@DefaultValue("16KB") DataSize maxKeyBody, @DefaultValue("500ms") Duration timeout,
		@DefaultValue("30s") Duration clockRefresh,
		@DefaultValue("1m") Duration failureLogInterval,
		@Nullable Map<String, Policy> policies,
		@DefaultValue("32") int ipv4PrefixLength, @DefaultValue("64") int ipv6PrefixLength) {

	public RateLimitProperties {
		if (ipv4PrefixLength < 1 || ipv4PrefixLength > 32 || ipv6PrefixLength < 1 || ipv6PrefixLength > 128) {
			throw new IllegalArgumentException("ipv4-prefix-length must be 1-32 and ipv6-prefix-length 1-128");
		}
		trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
		policies = policies == null ? Map.of() : new LinkedHashMap<>(policies);
	}

	/**
	 * One policy.
	 *
	 * @param enabled lets one default policy be switched off
	 * @param match which requests it applies to
	 * @param key what is counted: {@code ip}, {@code user}, {@code user-or-ip}, {@code api-key} (the header
	 * named by {@code apiKeyHeader}), {@code ip+body-field:<field>} (a top-level JSON field, e.g. email, per
	 * client) or {@code body-field:<field>} (that field across all clients, e.g. attempts on one account)
	 * @param apiKeyHeader the header holding the API key for {@code key: api-key}
	 * @param algorithm {@code token-bucket}, {@code fixed-window} or {@code sliding-log}
	 * @param bandwidths token bucket limits; several give burst plus sustained
	 * @param limit requests per window (fixed window, sliding log)
	 * @param window window length (fixed window, sliding log)
	 * @param onRedisFailure {@code allow} (fail open) or {@code deny} (503) when Redis cannot be asked
	 * @param syncEvery token bucket only: when set, each instance consumes locally and synchronises with
	 * Redis at most this often (or after {@code syncMaxTokens}); trades accuracy for round trips
	 * @param syncMaxTokens tokens an instance may consume between synchronisations; 0 means a tenth of the
	 * smallest capacity
	 * @param countedStatuses sliding log only: when set, a request counts against the policy only if its
	 * response has one of these statuses (e.g. {@code 401} for failed logins). The request is counted while
	 * it runs, so parallel requests cannot overshoot, and given back afterwards when its status is another
	 */
	public record Policy(@DefaultValue("true") boolean enabled, @DefaultValue Match match,
			@DefaultValue("user-or-ip") String key, @DefaultValue("X-API-Key") String apiKeyHeader,
			@DefaultValue("token-bucket") Algorithm algorithm, @Nullable List<Bandwidth> bandwidths,
			@DefaultValue("60") long limit, @DefaultValue("1m") Duration window,
			@DefaultValue("allow") FailureMode onRedisFailure, @Nullable Duration syncEvery,
			@DefaultValue("0") long syncMaxTokens, @Nullable List<Integer> countedStatuses) {

		public Policy {
			bandwidths = bandwidths == null ? List.of() : List.copyOf(bandwidths);
			countedStatuses = countedStatuses == null ? List.of() : List.copyOf(countedStatuses);
			if (!countedStatuses.isEmpty() && algorithm != Algorithm.SLIDING_LOG) {
				throw new IllegalArgumentException("counted-statuses needs algorithm sliding-log");
			}
		}

	}

	/**
	 * Which requests a policy applies to.
	 *
	 * @param paths path patterns ({@code /api/**}); empty means every path
	 * @param methods HTTP methods; empty means every method
	 * @param audience {@code any}, {@code anonymous} or {@code authenticated} callers
	 */
	public record Match(@Nullable List<String> paths, @Nullable List<String> methods,
			@DefaultValue("any") Audience audience) {

		public Match {
			paths = paths == null ? List.of() : List.copyOf(paths);
			methods = methods == null ? List.of() : List.copyOf(methods);
		}

	}

	/**
	 * One token bucket limit: {@code capacity} tokens, refilled greedily (smoothly) or in intervals.
	 *
	 * @param capacity the most tokens the bucket holds (the burst)
	 * @param refillTokens tokens added per {@code refillPeriod}; defaults to the capacity
	 * @param refillPeriod the refill period
	 * @param greedy refill smoothly over the period ({@code true}) or all at once at its end
	 */
	public record Bandwidth(long capacity, @DefaultValue("0") long refillTokens,
			@DefaultValue("1m") Duration refillPeriod, @DefaultValue("true") boolean greedy) {

		long tokensPerPeriod() {
			return refillTokens > 0 ? refillTokens : capacity;
		}

	}

	/** Who a policy applies to. */
	public enum Audience {

		ANY, ANONYMOUS, AUTHENTICATED

	}

	/** The counting algorithm. */
	public enum Algorithm {

		TOKEN_BUCKET, FIXED_WINDOW, SLIDING_LOG

	}

	/** What to do when Redis cannot be asked. */
	public enum FailureMode {

		ALLOW, DENY

	}

}
