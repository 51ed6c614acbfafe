package dev.storefront.config;

import java.util.Properties;
import java.util.function.Consumer;

import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.RedisClusterNode;
import org.springframework.data.redis.connection.RedisClusterNode.Flag;
import org.springframework.data.redis.connection.RedisClusterServerCommands;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisServerCommands;

/**
 * Adds flags to {@code notify-keyspace-events} without dropping the ones already set. Spring Session's own
 * action does not do this on a Cluster: there {@code CONFIG GET} answers one entry per master
 * ({@code host:port.notify-keyspace-events}), which it does not read, so it overwrites every master's flags,
 * and leaves the replicas without events. Here each node is read and set on its own.
 */
public final class KeyspaceEvents {

	private static final String PARAMETER = "notify-keyspace-events";

	private KeyspaceEvents() {
	}

	/**
	 * Makes sure the server publishes the given event classes, e.g. {@code "Egx"}: on a Cluster every node,
	 * replicas included (Spring Data's cluster CONFIG SET reaches only the masters, and a replica promoted by a
	 * failover would publish nothing), each keeping its own flags.
	 * @return whether a CONFIG SET was needed
	 */
	public static boolean enable(RedisConnection connection, String required) {
		if (connection instanceof RedisClusterConnection cluster) {
			boolean changed = false;
			for (RedisClusterNode node : cluster.clusterGetNodes()) {
				if (node.getFlags().contains(Flag.FAIL)) {
					continue;
				}
				RedisClusterServerCommands server = cluster.serverCommands();
				changed |= enable(server.getConfig(node, PARAMETER), flags -> server.setConfig(node, PARAMETER, flags),
						required);
			}
			return changed;
		}
		RedisServerCommands server = connection.serverCommands();
		return enable(server.getConfig(PARAMETER), flags -> server.setConfig(PARAMETER, flags), required);
	}

	private static boolean enable(Properties config, Consumer<String> set, String required) {
		String current = currentFlags(config);
		String wanted = withFlags(current, required);
		if (wanted.equals(current)) {
			return false;
		}
		set.accept(wanted);
		return true;
	}

	/** The union of the flags in every {@code notify-keyspace-events} entry of a CONFIG GET answer. */
	public static String currentFlags(Properties config) {
		StringBuilder flags = new StringBuilder();
		if (config != null) {
			config.stringPropertyNames().stream().filter(name -> name.endsWith("notify-keyspace-events"))
				.map(config::getProperty).forEach(value -> append(flags, value));
		}
		return flags.toString();
	}

	/**
	 * {@code current} plus whatever of {@code required} it lacks. Redis's {@code A} is an alias for
	 * {@code g$lshzxetd}, so it covers those classes (not {@code m} or {@code n}).
	 */
	static String withFlags(String current, String required) {
		StringBuilder flags = new StringBuilder(current);
		for (char flag : required.toCharArray()) {
			boolean covered = flags.indexOf(String.valueOf(flag)) >= 0
					|| (flags.indexOf("A") >= 0 && "g$lshzxetd".indexOf(flag) >= 0);
			if (!covered) {
				flags.append(flag);
			}
		}
		return flags.toString();
	}

	private static void append(StringBuilder flags, String value) {
		value.chars().filter(flag -> flags.indexOf(String.valueOf((char) flag)) < 0)
			.forEach(flag -> flags.append((char) flag));
	}

}
