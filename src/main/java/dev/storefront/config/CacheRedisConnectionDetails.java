package dev.storefront.config;

import java.util.List;

import io.lettuce.core.RedisURI;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;

/**
 * {@link CacheRedisProperties} read as Boot's {@link DataRedisConnectionDetails}, so the cache connection
 * is built by the same code as the state one (Boot's own adapter for {@code spring.data.redis.*} is not
 * public).
 */
final class CacheRedisConnectionDetails implements DataRedisConnectionDetails {

	private final CacheRedisProperties properties;

	private final RedisURI url;

	private final SslBundle ssl;

	CacheRedisConnectionDetails(CacheRedisProperties properties, SslBundles bundles) {
		this.properties = properties;
		this.url = properties.url() == null ? null : RedisURI.create(properties.url());
		this.ssl = properties.ssl().bundle() != null ? bundles.getBundle(properties.ssl().bundle()) : null;
	}

	/** Whether TLS is on without a bundle: then the JDK's default trust store applies. */
	boolean sslWithoutBundle() {
		return ssl == null && (properties.ssl().enabled() || (url != null && url.isSsl()));
	}

	@Override
	public String getUsername() {
		if (url != null && url.getUsername() != null) {
			return url.getUsername();
		}
		return properties.username();
	}

	@Override
	public String getPassword() {
		if (url != null && url.getPassword() != null) {
			return new String(url.getPassword());
		}
		return properties.password();
	}

	@Override
	public SslBundle getSslBundle() {
		return ssl;
	}

	@Override
	public Standalone getStandalone() {
		if (url != null) {
			return Standalone.of(url.getHost(), url.getPort(), url.getDatabase());
		}
		return Standalone.of(properties.host() == null ? "localhost" : properties.host(), properties.port(),
				properties.database());
	}

	@Override
	public Cluster getCluster() {
		List<Node> nodes = nodes(properties.cluster().nodes());
		return nodes.isEmpty() ? null : () -> nodes;
	}

	@Override
	public Sentinel getSentinel() {
		CacheRedisProperties.Sentinel sentinel = properties.sentinel();
		if (sentinel.nodes().isEmpty()) {
			return null;
		}
		List<Node> nodes = nodes(sentinel.nodes());
		return new Sentinel() {
			@Override
			public int getDatabase() {
				return properties.database();
			}

			@Override
			public String getMaster() {
				return sentinel.master();
			}

			@Override
			public List<Node> getNodes() {
				return nodes;
			}

			@Override
			public String getUsername() {
				return sentinel.username();
			}

			@Override
			public String getPassword() {
				return sentinel.password();
			}
		};
	}

	private static List<Node> nodes(List<String> addresses) {
		return addresses.stream().map(address -> {
			int colon = address.lastIndexOf(':');
			return new Node(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)));
		}).toList();
	}

}
