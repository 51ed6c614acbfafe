package dev.storefront.config;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The cache Redis, mirroring {@code spring.data.redis.*}. Leave it unset and the cache uses the state
 * Redis ({@code spring.data.redis.*}) over a connection of its own, so a single-Redis run works as before.
 *
 * @param url {@code redis://[user:password@]host:port[/database]}, or {@code rediss://} for TLS; wins
 * over host and port
 * @param host host of a standalone cache Redis
 * @param port port of a standalone cache Redis
 * @param database database index (standalone and Sentinel only)
 * @param username ACL user
 * @param password password of the ACL user
 * @param ssl TLS settings
 * @param timeout command timeout; defaults to {@code spring.data.redis.timeout}
 * @param connectTimeout connect timeout; defaults to {@code spring.data.redis.connect-timeout}
 * @param cluster Cluster nodes, when the cache Redis is a Cluster
 * @param sentinel Sentinel group, when the cache Redis is behind Sentinel
 */
@ConfigurationProperties("storefront.redis.cache")
record CacheRedisProperties(String url, String host, @DefaultValue("6379") int port, int database,
		String username, String password, @DefaultValue Ssl ssl, Duration timeout, Duration connectTimeout,
		@DefaultValue Cluster cluster, @DefaultValue Sentinel sentinel) {

	/** Whether any address is given; otherwise the cache uses the state Redis. */
	boolean configured() {
		return url != null || host != null || !cluster.nodes().isEmpty() || !sentinel.nodes().isEmpty();
	}

	/**
	 * @param enabled use TLS (implied by a {@code rediss://} URL or a bundle)
	 * @param bundle name of a {@code spring.ssl.bundle.*} holding the CA (and client certificate, if any)
	 */
	public record Ssl(boolean enabled, String bundle) {
	}

	/** @param nodes {@code host:port} seeds */
	public record Cluster(@DefaultValue List<String> nodes) {
	}

	/**
	 * @param master name of the monitored master
	 * @param nodes {@code host:port} of the sentinels
	 * @param username ACL user of the sentinels
	 * @param password password of the sentinels
	 */
	public record Sentinel(String master, @DefaultValue List<String> nodes, String username, String password) {
	}

}
