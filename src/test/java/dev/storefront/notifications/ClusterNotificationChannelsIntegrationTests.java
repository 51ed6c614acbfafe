package dev.storefront.notifications;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.RedisClusterNode;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import dev.storefront.config.ShardedChannels;
import dev.storefront.support.Api;
import dev.storefront.support.Api.Session;
import dev.storefront.support.ClusterPubSubCounters;
import dev.storefront.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * On the Cluster a user's notification is one {@code SPUBLISH}, on the master of the user's bucket channel, and
 * reaches the cluster bus once (that master's replica) instead of every node. That it still reaches the other
 * instance's clients is {@link RealtimeNotificationsIntegrationTests}, which runs in the Cluster execution too.
 * Runs only in the Cluster execution of the {@code topologies} profile.
 */
@IntegrationTest
class ClusterNotificationChannelsIntegrationTests {

	@Autowired
	Api api;

	@Autowired
	NotificationHandler handler;

	@Autowired
	ShardedChannels notificationShardedSubscriber;

	@Autowired
	RedisConnectionFactory connections;

	@Autowired
	NotificationProperties properties;

	@Test
	void aUsersNotificationIsOneShardedMessageOnItsBucketsMaster() {
		Session user = api.newUser();
		await().atMost(Duration.ofSeconds(10)).until(notificationShardedSubscriber::isSubscribed);
		String channel = NotificationKeys.userShardedChannel(user.userId(), properties.userChannels());
		int master = masterOf(channel);

		ClusterPubSubCounters before = ClusterPubSubCounters.read();
		handler.handle(RealtimeNotificationsIntegrationTests.orderEvent("OrderConfirmed", user.userId(), 4713));

		await().atMost(Duration.ofSeconds(10)).until(() -> ClusterPubSubCounters.read().minus(before),
				delta -> delta.spublishCalls().getOrDefault(master, 0L) >= 1);
		ClusterPubSubCounters delta = ClusterPubSubCounters.read().minus(before);
		assertThat(delta.spublishCalls().get(master)).as("SPUBLISH on the bucket's master").isGreaterThanOrEqualTo(1);
		// At most one bus copy per SPUBLISH (to the shard's one replica; other sharded traffic counts on both
		// sides), where a classic PUBLISH would be copied to all five other nodes.
		assertThat(delta.total(delta.busShard())).as("sharded bus messages")
			.isLessThanOrEqualTo(delta.total(delta.spublishCalls()));
		assertThat(delta.total(delta.publishCalls())).as("classic PUBLISH of the user's notification").isZero();
	}

	private int masterOf(String channel) {
		RedisClusterConnection cluster = connections.getClusterConnection();
		try {
			RedisClusterNode node = cluster.clusterGetNodeForKey(channel.getBytes(StandardCharsets.UTF_8));
			return node.getPort();
		}
		finally {
			cluster.close();
		}
	}

}
