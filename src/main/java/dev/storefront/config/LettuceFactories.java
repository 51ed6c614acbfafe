package dev.storefront.config;

import java.time.Duration;
import java.util.List;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.ReadFrom;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.resource.ClientResources;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.RedisConfiguration;
import org.springframework.data.redis.connection.RedisNode;
import org.springframework.data.redis.connection.RedisPassword;
import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Builds a Lettuce connection factory from {@link DataRedisConnectionDetails} the way Boot does for
 * {@code spring.data.redis.*}: standalone, Cluster (with adaptive topology refresh) or Sentinel, TLS from an
 * SSL bundle, and the application's {@link LettuceClientOptionsBuilderCustomizer}s.
 */
final class LettuceFactories {

	private static final Duration TOPOLOGY_REFRESH = Duration.ofSeconds(30);

	private LettuceFactories() {
	}

	static LettuceConnectionFactory create(DataRedisConnectionDetails details, boolean sslWithoutBundle,
			Duration timeout, Duration connectTimeout, ClientResources resources, String clientName,
			List<LettuceClientOptionsBuilderCustomizer> customizers) {
		SslBundle bundle = details.getSslBundle();
		LettuceClientConfiguration.LettuceClientConfigurationBuilder client = LettuceClientConfiguration.builder()
			.commandTimeout(timeout)
			.clientResources(resources)
			.clientName(clientName);
		if (details.getCluster() != null) {
			// Reads from masters, stated: the cache's invalidations bound staleness only there (decision 0091).
			client.readFrom(ReadFrom.UPSTREAM);
		}
		if (bundle != null || sslWithoutBundle) {
			client.useSsl();
		}
		ClientOptions.Builder options = details.getCluster() != null ? ClusterClientOptions.builder()
			.topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
				.enableAllAdaptiveRefreshTriggers()
				.enablePeriodicRefresh(TOPOLOGY_REFRESH)
				.build()) : ClientOptions.builder();
		options.socketOptions(io.lettuce.core.SocketOptions.builder().connectTimeout(connectTimeout).build())
			.timeoutOptions(TimeoutOptions.enabled());
		if (bundle != null) {
			SslOptions.Builder ssl = SslOptions.builder()
				.keyManager(bundle.getManagers().getKeyManagerFactory())
				.trustManager(bundle.getManagers().getTrustManagerFactory());
			if (bundle.getOptions().getCiphers() != null) {
				ssl.cipherSuites(bundle.getOptions().getCiphers());
			}
			if (bundle.getOptions().getEnabledProtocols() != null) {
				ssl.protocols(bundle.getOptions().getEnabledProtocols());
			}
			options.sslOptions(ssl.build());
		}
		customizers.forEach(customizer -> customizer.customize(options));
		// The customizers set the state Redis's timeouts; this connection's own ones win.
		options.timeoutOptions(TimeoutOptions.enabled(timeout))
			.socketOptions(io.lettuce.core.SocketOptions.builder().connectTimeout(connectTimeout).keepAlive(true).build());
		client.clientOptions(options.build());
		return new LettuceConnectionFactory(configuration(details), client.build());
	}

	private static RedisConfiguration configuration(DataRedisConnectionDetails details) {
		RedisPassword password = RedisPassword.of(details.getPassword());
		if (details.getCluster() != null) {
			RedisClusterConfiguration cluster = new RedisClusterConfiguration();
			details.getCluster().getNodes().forEach(node -> cluster.addClusterNode(new RedisNode(node.host(), node.port())));
			cluster.setUsername(details.getUsername());
			cluster.setPassword(password);
			return cluster;
		}
		if (details.getSentinel() != null) {
			DataRedisConnectionDetails.Sentinel sentinel = details.getSentinel();
			RedisSentinelConfiguration config = new RedisSentinelConfiguration();
			config.master(sentinel.getMaster());
			sentinel.getNodes().forEach(node -> config.addSentinel(new RedisNode(node.host(), node.port())));
			config.setDatabase(sentinel.getDatabase());
			config.setUsername(details.getUsername());
			config.setPassword(password);
			config.setSentinelUsername(sentinel.getUsername());
			config.setSentinelPassword(RedisPassword.of(sentinel.getPassword()));
			return config;
		}
		DataRedisConnectionDetails.Standalone standalone = details.getStandalone();
		RedisStandaloneConfiguration config = new RedisStandaloneConfiguration(standalone.getHost(),
				standalone.getPort());
		config.setDatabase(standalone.getDatabase());
		config.setUsername(details.getUsername());
		config.setPassword(password);
		return config;
	}

}
