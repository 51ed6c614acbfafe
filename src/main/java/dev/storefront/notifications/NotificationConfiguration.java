package dev.storefront.notifications;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.Ordered;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.PatternTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.scheduling.TaskScheduler;

import dev.storefront.config.ClusterKeyevents;
import dev.storefront.config.ShardedChannels;
import dev.storefront.ratelimit.ClientAddresses;
import dev.storefront.web.ProblemWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wiring of the notification fan-out: the subscriber (one dedicated pub/sub connection per instance,
 * one pattern subscription), the bounded delivery lanes, the connection registries, the 503 filter and
 * the connection caps.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ NotificationProperties.class, ConnectionProperties.class })
class NotificationConfiguration {

	@Bean
	NotificationMetrics notificationMetrics(MeterRegistry registry) {
		return new NotificationMetrics(registry);
	}

	@Bean(destroyMethod = "close")
	DeliveryExecutor notificationDeliveryExecutor(NotificationProperties properties) {
		return new DeliveryExecutor(properties.deliveryThreads(), properties.deliveryQueue());
	}

	@Bean
	WebSocketSessions notificationSockets(NotificationMetrics metrics, ConnectionProperties limits,
			@Qualifier("messageBrokerTaskScheduler") @Lazy TaskScheduler scheduler) {
		return new WebSocketSessions(metrics, scheduler, limits.connectTimeout());
	}

	@Bean
	ConnectionCaps notificationConnectionCaps(ConnectionProperties limits) {
		return new ConnectionCaps(limits.perAddress(), limits.perUser());
	}

	@Bean
	SseConnections notificationSseConnections(NotificationProperties properties, ConnectionProperties limits,
			JsonMapper json, NotificationMetrics metrics) {
		return new SseConnections(properties, limits, json, metrics);
	}

	@Bean
	Fanout notificationFanout(StringRedisTemplate redis, JsonMapper json, LocalDelivery delivery) {
		return new Fanout(redis, json, delivery);
	}

	/**
	 * The subscriber. Messages are dispatched on the connection's thread ({@link SyncTaskExecutor}), in
	 * order, to {@link Fanout}, which only parses and hands over to the bounded delivery lanes: no thread
	 * per message, and a slow client never holds the subscription.
	 */
	@Bean
	RedisMessageListenerContainer notificationSubscriber(RedisConnectionFactory connections, Fanout fanout) {
		RedisMessageListenerContainer container = new RedisMessageListenerContainer();
		container.setConnectionFactory(connections);
		container.setTaskExecutor(new SyncTaskExecutor());
		container.addMessageListener(fanout, new PatternTopic(NotificationKeys.CHANNEL_PATTERN));
		return container;
	}

	/**
	 * On a Redis Cluster, the sharded subscriber of users' notifications ({@link NotificationKeys#USER_SHARDED_PREFIX}),
	 * beside the pattern subscription that still carries the admin and revocation channels. Dispatched on the
	 * Lettuce thread like the container's messages: {@link Fanout} only parses and enqueues, and one channel's
	 * messages arrive on one node connection, in order. Elsewhere a stopped placeholder.
	 */
	@Bean
	ShardedChannels notificationShardedSubscriber(RedisConnectionFactory connections, Fanout fanout,
			NotificationProperties properties) {
		List<String> channels = ClusterKeyevents.isCluster(connections)
				? ShardedChannels.channels(NotificationKeys.USER_SHARDED_PREFIX, properties.userChannels()) : List.of();
		ShardedChannels sharded = new ShardedChannels(connections, fanout, channels, Runnable::run);
		if (!channels.isEmpty()) {
			fanout.publishSharded(sharded, properties.userChannels());
		}
		return sharded;
	}

	@Bean
	FilterRegistrationBean<RealtimeAvailabilityFilter> realtimeAvailabilityFilter(NotificationStore store,
			ProblemWriter problems, NotificationProperties properties) {
		FilterRegistrationBean<RealtimeAvailabilityFilter> registration = new FilterRegistrationBean<>(
				new RealtimeAvailabilityFilter(store, problems, properties));
		registration.addUrlPatterns("/ws", "/ws/*", "/api/notifications/stream");
		// Before the session filter: answer without touching the session store.
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
		return registration;
	}

	/**
	 * The connection caps, after Spring Security (a signed-in handshake counts for its user at once) and
	 * after the rate limit filter (a handshake refused by the {@code realtime-handshake} policy takes no slot).
	 */
	@Bean
	FilterRegistrationBean<ConnectionCapFilter> connectionCapFilter(ConnectionCaps caps, ClientAddresses addresses,
			ProblemWriter problems, ConnectionProperties limits, NotificationMetrics metrics,
			SecurityFilterProperties security) {
		FilterRegistrationBean<ConnectionCapFilter> registration = new FilterRegistrationBean<>(
				new ConnectionCapFilter(caps, addresses, problems, limits, metrics));
		registration.addUrlPatterns("/ws", "/ws/*", "/api/notifications/stream");
		registration.setOrder(security.getOrder() + 2);
		return registration;
	}

}
