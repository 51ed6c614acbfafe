package dev.storefront.ops;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.api.async.RedisAdvancedClusterAsyncCommands;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Runs one piece of work on each node of a Redis: the single server of a standalone setup, or each node
 * of a Cluster (all of them, or only the masters, e.g. for SCAN). Each node's outcome is kept apart, so
 * one node that is down or slow shows up as that node's error and not as a failed answer.
 */
final class RedisNodes {

	/** Which nodes of a Cluster to visit; a standalone server is always visited. */
	enum Scope {

		ALL, MASTERS

	}

	/** One node and the asynchronous (pipelining) commands bound to it. */
	record Node(String name, RedisClusterAsyncCommands<byte[], byte[]> commands, Duration timeout) {

		/** Waits for one reply of this node. */
		<T> T await(RedisFuture<T> future) {
			try {
				return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new NodeFailure(name + ": interrupted");
			}
			catch (ExecutionException ex) {
				throw new NodeFailure(name + ": " + ex.getCause().getMessage());
			}
			catch (TimeoutException ex) {
				throw new NodeFailure(name + ": no answer within " + timeout);
			}
		}

	}

	/** The work to run on one node. */
	@FunctionalInterface
	interface Work<T> {

		T on(Node node);

	}

	/** A node's answer or why there is none. */
	record Outcome<T>(T value, String error) {

		boolean ok() {
			return error == null;
		}

		/** The value, or {@code {"error": ...}} for the endpoint's JSON. */
		Object view() {
			return ok() ? value : Map.of("error", error);
		}

	}

	private final Duration timeout;

	RedisNodes(Duration timeout) {
		this.timeout = timeout;
	}

	/**
	 * @return each node's outcome by node name ({@code host:port}); a single {@code "*"} entry with the error
	 * when no connection could be made at all
	 */
	<T> Map<String, Outcome<T>> each(RedisTarget target, Scope scope, Work<T> work) {
		Map<String, Outcome<T>> outcomes = new LinkedHashMap<>();
		try (RedisConnection connection = target.factory().getConnection()) {
			for (Node node : nodes(target, connection, scope)) {
				outcomes.put(node.name(), run(node, work));
			}
		}
		catch (RuntimeException ex) {
			outcomes.put("*", new Outcome<>(null, message(ex)));
		}
		return outcomes;
	}

	@SuppressWarnings("unchecked")
	private List<Node> nodes(RedisTarget target, RedisConnection connection, Scope scope) {
		Object nativeConnection = connection.getNativeConnection();
		if (nativeConnection instanceof RedisAdvancedClusterAsyncCommands<?, ?> any) {
			var cluster = (RedisAdvancedClusterAsyncCommands<byte[], byte[]>) any;
			List<Node> nodes = new ArrayList<>();
			for (RedisClusterNode node : cluster.getStatefulConnection().getPartitions()) {
				boolean master = node.is(RedisClusterNode.NodeFlag.UPSTREAM);
				if (scope == Scope.ALL || master) {
					String name = node.getUri().getHost() + ":" + node.getUri().getPort();
					nodes.add(new Node(name, cluster.getStatefulConnection().getConnection(node.getNodeId()).async(),
							timeout));
				}
			}
			return nodes;
		}
		if (nativeConnection instanceof RedisClusterAsyncCommands<?, ?> any) {
			return List.of(new Node(standaloneName(target), (RedisClusterAsyncCommands<byte[], byte[]>) any, timeout));
		}
		throw new IllegalStateException("Redis monitoring needs a Lettuce connection, not "
				+ nativeConnection.getClass().getName());
	}

	private static String standaloneName(RedisTarget target) {
		if (target.factory() instanceof LettuceConnectionFactory lettuce) {
			return lettuce.getHostName() + ":" + lettuce.getPort();
		}
		return target.name();
	}

	private static <T> Outcome<T> run(Node node, Work<T> work) {
		try {
			return new Outcome<>(work.on(node), null);
		}
		catch (RuntimeException ex) {
			return new Outcome<>(null, message(ex));
		}
	}

	private static String message(RuntimeException ex) {
		return ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
	}

	/** A node that failed or did not answer in time. */
	static final class NodeFailure extends RuntimeException {

		NodeFailure(String message) {
			super(message, null, false, false);
		}

	}

}
