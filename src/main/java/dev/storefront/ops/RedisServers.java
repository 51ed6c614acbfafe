package dev.storefront.ops;

import java.util.Objects;
import java.util.TreeSet;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisNode;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/** Tells whether two connection factories reach the same Redis (then it is monitored once). */
final class RedisServers {

	private RedisServers() {
	}

	static boolean same(RedisConnectionFactory a, RedisConnectionFactory b) {
		if (a == b) {
			return true;
		}
		if (a instanceof LettuceConnectionFactory first && b instanceof LettuceConnectionFactory second) {
			return Objects.equals(address(first), address(second));
		}
		return false;
	}

	private static String address(LettuceConnectionFactory factory) {
		if (factory.getClusterConfiguration() != null) {
			return "cluster " + nodes(factory.getClusterConfiguration().getClusterNodes());
		}
		if (factory.getSentinelConfiguration() != null) {
			return "sentinel " + factory.getSentinelConfiguration().getMaster().getName() + " "
					+ nodes(factory.getSentinelConfiguration().getSentinels()) + "/" + factory.getDatabase();
		}
		return factory.getHostName() + ":" + factory.getPort() + "/" + factory.getDatabase();
	}

	private static TreeSet<String> nodes(Iterable<RedisNode> nodes) {
		TreeSet<String> names = new TreeSet<>();
		nodes.forEach(node -> names.add(node.getHost() + ":" + node.getPort()));
		return names;
	}

}
