package dev.storefront.locking;

import java.time.Duration;

import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.BaseConfig;
import org.redisson.config.ClusterServersConfig;
import org.redisson.config.Config;
import org.redisson.config.ConstantDelay;
import org.redisson.config.ReadMode;
import org.redisson.config.SentinelServersConfig;
import org.redisson.config.SingleServerConfig;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails.Node;
import org.springframework.boot.ssl.SslBundle;

/**
 * Builds a Redisson client for the same Redis that Spring Data Redis uses: the address comes from the
 * {@link DataRedisConnectionDetails} bean (so the test and dev services are honoured), the timeouts from
 * {@code spring.data.redis.*}, and the pool sizes from {@link LockingProperties}. On Sentinel and Cluster
 * every read goes to the master ({@link ReadMode#MASTER}; Redisson's default reads from replicas, which lag):
 * locks, stream groups and queues must see their own writes (decision 0091).
 */
final class RedissonClients {

	private RedissonClients() {
	}

	static RedissonClient create(DataRedisConnectionDetails connection, Duration timeout, Duration connectTimeout,
			LockingProperties properties) {
		return Redisson.create(config(connection, timeout, connectTimeout, properties));
	}

	static Config config(DataRedisConnectionDetails connection, Duration timeout, Duration connectTimeout,
			LockingProperties properties) {
		Config config = new Config();
		// Locks store no values; a plain codec avoids loading Redisson's default (Kryo) for nothing.
		config.setCodec(StringCodec.INSTANCE);
		config.setLockWatchdogTimeout(properties.watchdogTimeout().toMillis());
		config.setNettyThreads(properties.nettyThreads());
		config.setThreads(2);
		// Do not connect at startup: the application must start (and serve what needs no lock) while Redis is down.
		config.setLazyInitialization(true);
		config.setTcpKeepAlive(true);
		String scheme = connection.getSslBundle() != null ? "rediss://" : "redis://";
		if (connection.getSslBundle() != null) {
			// The same CA (and client certificate, if any) that Lettuce gets from the bundle.
			SslBundle bundle = connection.getSslBundle();
			config.setSslTrustManagerFactory(bundle.getManagers().getTrustManagerFactory());
			config.setSslKeyManagerFactory(bundle.getManagers().getKeyManagerFactory());
			if (bundle.getOptions().getEnabledProtocols() != null) {
				config.setSslProtocols(bundle.getOptions().getEnabledProtocols());
			}
			if (bundle.getOptions().getCiphers() != null) {
				config.setSslCiphers(bundle.getOptions().getCiphers());
			}
		}
		if (connection.getCluster() != null) {
			ClusterServersConfig cluster = config.useClusterServers().setReadMode(ReadMode.MASTER);
			connection.getCluster().getNodes().forEach(node -> cluster.addNodeAddress(address(scheme, node)));
			cluster.setMasterConnectionPoolSize(properties.connectionPoolSize())
				.setMasterConnectionMinimumIdleSize(properties.connectionMinimumIdle())
				.setSlaveConnectionPoolSize(properties.connectionPoolSize())
				.setSlaveConnectionMinimumIdleSize(properties.connectionMinimumIdle())
				.setSubscriptionConnectionPoolSize(properties.subscriptionPoolSize())
				.setSubscriptionConnectionMinimumIdleSize(properties.subscriptionMinimumIdle());
			common(cluster, connection, timeout, connectTimeout, properties);
		}
		else if (connection.getSentinel() != null) {
			DataRedisConnectionDetails.Sentinel sentinel = connection.getSentinel();
			SentinelServersConfig servers = config.useSentinelServers().setMasterName(sentinel.getMaster())
				.setReadMode(ReadMode.MASTER)
				.setDatabase(sentinel.getDatabase());
			sentinel.getNodes().forEach(node -> servers.addSentinelAddress(address(scheme, node)));
			if (sentinel.getPassword() != null) {
				servers.setSentinelPassword(sentinel.getPassword());
			}
			servers.setMasterConnectionPoolSize(properties.connectionPoolSize())
				.setMasterConnectionMinimumIdleSize(properties.connectionMinimumIdle())
				.setSlaveConnectionPoolSize(properties.connectionPoolSize())
				.setSlaveConnectionMinimumIdleSize(properties.connectionMinimumIdle())
				.setSubscriptionConnectionPoolSize(properties.subscriptionPoolSize())
				.setSubscriptionConnectionMinimumIdleSize(properties.subscriptionMinimumIdle());
			common(servers, connection, timeout, connectTimeout, properties);
		}
		else {
			DataRedisConnectionDetails.Standalone standalone = connection.getStandalone();
			SingleServerConfig single = config.useSingleServer()
				.setAddress(scheme + standalone.getHost() + ":" + standalone.getPort())
				.setDatabase(standalone.getDatabase())
				.setConnectionPoolSize(properties.connectionPoolSize())
				.setConnectionMinimumIdleSize(properties.connectionMinimumIdle())
				.setSubscriptionConnectionPoolSize(properties.subscriptionPoolSize())
				.setSubscriptionConnectionMinimumIdleSize(properties.subscriptionMinimumIdle());
			common(single, connection, timeout, connectTimeout, properties);
		}
		return config;
	}

	private static void common(BaseConfig<?> server, DataRedisConnectionDetails connection, Duration timeout,
			Duration connectTimeout, LockingProperties properties) {
		int timeoutMillis = (int) timeout.toMillis();
		server.setTimeout(timeoutMillis)
			.setConnectTimeout((int) connectTimeout.toMillis())
			.setSubscriptionTimeout((int) properties.subscriptionTimeout().toMillis())
			.setRetryAttempts(properties.retryAttempts())
			.setRetryDelay(new ConstantDelay(properties.retryDelay()))
			.setClientName("storefront-locks");
		if (connection.getUsername() != null) {
			server.setUsername(connection.getUsername());
		}
		if (connection.getPassword() != null) {
			server.setPassword(connection.getPassword());
		}
	}

	private static String address(String scheme, Node node) {
		return scheme + node.host() + ":" + node.port();
	}

}
