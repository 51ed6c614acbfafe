package dev.storefront.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;

import org.jspecify.annotations.Nullable;

/**
 * Token bucket through Bucket4j's compare-and-swap proxy: a GET and a CAS script, so two round trips per
 * request. With {@code sync-every} a bucket proxy per subject is kept locally and uses Bucket4j's
 * {@code delaying} optimisation: requests are served from a local copy and synchronised in batches.
 */
final class TokenBucketLimiter implements Limiter {

	private final BucketProxies proxies;

	private final String policy;

	private final BucketConfiguration configuration;

	private final long limit;

	private final List<Decision.Quota> quotas;

	private final Clock clock;

	private final @Nullable DelayParameters delay;

	private final @Nullable Cache<String, BucketProxy> local;

	TokenBucketLimiter(BucketProxies proxies, String policy, List<RateLimitProperties.Bandwidth> bandwidths,
			Clock clock, @Nullable Duration syncEvery, long syncMaxTokens) {
		if (bandwidths.isEmpty()) {
			throw new IllegalArgumentException("Token bucket policy '" + policy + "' needs at least one bandwidth");
		}
		this.proxies = proxies;
		this.policy = policy;
		this.clock = clock;
		var builder = BucketConfiguration.builder();
		for (RateLimitProperties.Bandwidth bandwidth : bandwidths) {
			builder.addLimit(limit -> {
				var refill = limit.capacity(bandwidth.capacity());
				return bandwidth.greedy() ? refill.refillGreedy(bandwidth.tokensPerPeriod(), bandwidth.refillPeriod())
						: refill.refillIntervally(bandwidth.tokensPerPeriod(), bandwidth.refillPeriod());
			});
		}
		this.configuration = builder.build();
		this.limit = bandwidths.stream().mapToLong(RateLimitProperties.Bandwidth::capacity).min().orElseThrow();
		this.quotas = bandwidths.stream()
			.map(b -> new Decision.Quota(b.capacity(), Math.max(1, b.refillPeriod().toSeconds())))
			.toList();
		if (syncEvery != null) {
			long maxTokens = syncMaxTokens > 0 ? syncMaxTokens : Math.max(1, limit / 10);
			this.delay = new DelayParameters(maxTokens, syncEvery);
			this.local = Caffeine.newBuilder()
				.expireAfterAccess(bandwidths.stream().map(RateLimitProperties.Bandwidth::refillPeriod)
					.max(Duration::compareTo).orElseThrow())
				.maximumSize(100_000)
				.build();
		}
		else {
			this.delay = null;
			this.local = null;
		}
	}

	@Override
	public Decision acquire(String subject) {
		ConsumptionProbe probe = bucket(RateLimitKeys.tokenBucket(policy, subject)).tryConsumeAndReturnRemaining(1);
		long now = clock.millis();
		long resetAt = now + TimeUnit.NANOSECONDS.toMillis(probe.getNanosToWaitForReset());
		long retryAfter = probe.isConsumed() ? 0 : TimeUnit.NANOSECONDS.toMillis(probe.getNanosToWaitForRefill());
		return new Decision(probe.isConsumed(), limit, probe.getRemainingTokens(), resetAt, retryAfter, quotas, now, null);
	}

	private BucketProxy bucket(String key) {
		if (local == null) {
			return proxies.get().getProxy(key, () -> configuration);
		}
		return local.get(key, k -> proxies.get().builder()
			.withOptimization(Optimizations.delaying(delay))
			.build(k, () -> configuration));
	}

}
