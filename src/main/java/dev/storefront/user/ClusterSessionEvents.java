package dev.storefront.user;

import java.util.List;
import java.util.concurrent.Executor;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.session.data.redis.RedisIndexedSessionRepository;

import dev.storefront.config.ClusterKeyevents;

/**
 * Session expiry and deletion events on a Redis Cluster: Spring Session's own listener container hears one
 * node only, so its expired/deleted channels move to {@link ClusterKeyevents}, which subscribes on every
 * master (no event twice), handled on the same bounded executor as the container's. The {@code created} channel stays: PUBLISH reaches every node of a Cluster.
 */
final class ClusterSessionEvents {

	private ClusterSessionEvents() {
	}

	static ClusterKeyevents subscribe(RedisConnectionFactory factory, RedisIndexedSessionRepository sessions,
			RedisMessageListenerContainer container, Executor executor) {
		List<String> channels = List.of(sessions.getSessionExpiredChannel(), sessions.getSessionDeletedChannel());
		if (ClusterKeyevents.isCluster(factory)) {
			channels.forEach(channel -> container.removeMessageListener(sessions, new ChannelTopic(channel)));
		}
		return new ClusterKeyevents(factory, sessions, channels, executor);
	}

}
