package dev.storefront.notifications;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.storefront.config.ShardedChannels;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cross-instance fan-out over Redis pub/sub: one channel per audience (a user, the administrators)
 * plus one for revoked sessions. Every instance, the sender included, receives each message on its
 * one pattern subscription and hands it to {@link LocalDelivery}, which reaches only the connections
 * open on that instance.
 * <p>
 * On a Redis Cluster, users' notifications go over sharded channels instead ({@code SPUBLISH} to the user's
 * bucket, {@link NotificationKeys#userShardedChannel}), which every instance subscribes to; the admin and
 * revocation channels stay classic (decision 0090).
 * <p>
 * Runs on the subscriber container's dispatch thread: it only parses and enqueues, the pushing to
 * sockets happens on the bounded {@link DeliveryExecutor}.
 */
class Fanout implements MessageListener {

	private static final Logger log = LoggerFactory.getLogger(Fanout.class);

	private final String origin = UUID.randomUUID().toString();

	private final StringRedisTemplate redis;

	private final JsonMapper json;

	private final LocalDelivery delivery;

	// Set once at wiring on a Cluster; null: classic channels.
	private volatile ShardedChannels sharded;

	private int buckets;

	Fanout(StringRedisTemplate redis, JsonMapper json, LocalDelivery delivery) {
		this.redis = redis;
		this.json = json;
		this.delivery = delivery;
	}

	String origin() {
		return origin;
	}

	/** On a Cluster: send users' notifications over these sharded channels, one per bucket of user ids. */
	void publishSharded(ShardedChannels channels, int buckets) {
		this.buckets = buckets;
		this.sharded = channels;
	}

	void publishToUser(long userId, Notification notification) {
		String message = json.writeValueAsString(Envelope.of(notification, userId, origin));
		ShardedChannels channels = sharded;
		if (channels != null) {
			channels.publish(NotificationKeys.userShardedChannel(userId, buckets), message);
		}
		else {
			redis.convertAndSend(NotificationKeys.userChannel(userId), message);
		}
	}

	void publishToAdmins(Notification notification) {
		redis.convertAndSend(NotificationKeys.ADMIN_CHANNEL,
				json.writeValueAsString(Envelope.of(notification, null, origin)));
	}

	void publishRevoked(String fingerprint) {
		redis.convertAndSend(NotificationKeys.REVOKED_CHANNEL, fingerprint);
	}

	@Override
	public void onMessage(Message message, byte[] pattern) {
		String channel = new String(message.getChannel(), StandardCharsets.UTF_8);
		String body = new String(message.getBody(), StandardCharsets.UTF_8);
		try {
			if (channel.equals(NotificationKeys.REVOKED_CHANNEL)) {
				delivery.closeSession(body);
			}
			else if (channel.equals(NotificationKeys.ADMIN_CHANNEL)) {
				delivery.toAdmins(json.readValue(body, Envelope.class).notification());
			}
			else if (channel.startsWith(NotificationKeys.USER_CHANNEL_PREFIX)) {
				Envelope envelope = json.readValue(body, Envelope.class);
				delivery.toUser(envelope.userId(), envelope.notification());
			}
		}
		catch (RuntimeException ex) {
			// A malformed message must not stop the subscription; the next one is independent.
			log.warn("Dropped fan-out message on {}: {}", channel, ex.getMessage());
		}
	}

}
