package dev.storefront.ratelimit;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of asking one policy about one request.
 *
 * @param allowed whether the request may proceed
 * @param limit the quota of the most restrictive limit
 * @param remaining what is left of it after this request
 * @param resetAtMillis epoch millis when the quota is whole again (window end, full refill)
 * @param retryAfterMillis for a refusal, how long until a request could pass
 * @param quotas every limit of the policy, for the {@code RateLimit-Policy} header
 * @param nowMillis the time of the decision by the limiter's clock (Redis time for the scripts)
 * @param receipt what identifies the counted request to {@link Limiter#giveBack} (the sliding log's
 * member), or null when it cannot be given back
 */
record Decision(boolean allowed, long limit, long remaining, long resetAtMillis, long retryAfterMillis,
		List<Quota> quotas, long nowMillis, @Nullable String receipt) {

	/**
	 * One limit of a policy: {@code limit} requests per {@code windowSeconds}.
	 */
	record Quota(long limit, long windowSeconds) {
	}

}
