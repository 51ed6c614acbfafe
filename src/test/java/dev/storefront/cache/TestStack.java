package dev.storefront.cache;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.storefront.config.RedisCircuitBreakerProperties;
import dev.storefront.config.RedisCircuitBreakers;

import static org.awaitility.Awaitility.await;

/**
 * One "instance" of the cache layer for contract tests: its own Lettuce client, meters and stack, on
 * a shared Redis. Two of these in one JVM play two application instances.
 */
final class TestStack implements AutoCloseable {

	static final Duration TIMEOUT = Duration.ofMillis(500);

	final ClientResources resources = DefaultClientResources.builder()
		.reconnectDelay(Delay.constant(Duration.ofMillis(200)))
		.build();

	final LettuceConnectionFactory factory;

	final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	final TwoLevelStack stack;

	final StringRedisTemplate redis;

	TestStack(String redisUrl, CacheProperties properties) {
		URI uri = URI.create(redisUrl);
		LettuceClientConfiguration client = LettuceClientConfiguration.builder()
			.clientResources(resources)
			.commandTimeout(TIMEOUT)
			.clientOptions(ClientOptions.builder()
				.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
				.autoReconnect(true)
				.socketOptions(SocketOptions.builder().connectTimeout(TIMEOUT).build())
				.timeoutOptions(TimeoutOptions.enabled(TIMEOUT))
				.build())
			.build();
		this.factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration(uri.getHost(), uri.getPort()),
				client);
		this.factory.afterPropertiesSet();
		this.factory.start();
		this.redis = new StringRedisTemplate(factory);
		this.stack = new TwoLevelStack(properties, factory, resources, meters, breaker());
		this.stack.start();
		await().atMost(Duration.ofSeconds(30)).until(stack::listening);
	}

	/** The cache's breaker as the app builds it, with a short open period: 3 failures, 300 ms. */
	static CircuitBreaker breaker() {
		return RedisCircuitBreakers.registry(new RedisCircuitBreakerProperties(3, Duration.ofMillis(300), null))
			.circuitBreaker(CacheConfiguration.BREAKER);
	}

	static CacheProperties properties(String cache, CacheSettings settings) {
		return properties(cache, settings, 10_000);
	}

	static CacheProperties properties(String cache, CacheSettings settings, int pendingInvalidations) {
		return new CacheProperties(CacheProperties.Mode.TWO_LEVEL,
				new CacheProperties.Lock(Duration.ofSeconds(5), Duration.ofSeconds(6), Duration.ofMillis(5)), 2,
				pendingInvalidations, 16, Map.of(cache, settings));
	}

	static CacheSettings settings(Duration ttl, Duration staleTtl, double beta) {
		return new CacheSettings(Thing.class.getName(), ttl, 0.1, new CacheSettings.L1(1000, Duration.ofMinutes(5), null,
				Duration.ofSeconds(1)),
				Duration.ofSeconds(20), staleTtl, beta, false);
	}

	TwoLevelCache cache(String name) {
		return stack.manager().raw(name);
	}

	TagCache tags() {
		return new TwoLevelTagCache(stack.manager(), stack.context());
	}

	BatchCache batch() {
		return new TwoLevelBatchCache(stack.manager(), stack.context());
	}

	double count(String meter, String... tags) {
		var counter = meters.find(meter).tags(tags).counter();
		return counter == null ? 0 : counter.count();
	}

	/** Waits until {@code peer} receives this stack's invalidations (pub/sub subscription is asynchronous). */
	void awaitSubscribed(TestStack peer, String cache) {
		CacheEntry probe = new CacheEntry(new Thing(0, "probe"), Long.MAX_VALUE, Long.MAX_VALUE, 1, CacheEntry.NO_VERSION, 0);
		// A probe published before the subscription lands is lost: publish again until one arrives. The inner
		// wait's timeout is one failed try (ignoreExceptions: untilAsserted alone retries assertion errors only).
		await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
			peer.cache(cache).putLocal("__probe", probe);
			stack.context().invalidations().publishEvict(cache, "__probe");
			await().atMost(Duration.ofSeconds(1)).until(() -> peer.cache(cache).peekLocal("__probe") == null);
		});
	}

	@Override
	public void close() throws Exception {
		stack.destroy();
		factory.destroy();
		resources.shutdown();
	}

}
