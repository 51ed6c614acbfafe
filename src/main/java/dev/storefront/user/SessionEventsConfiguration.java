package dev.storefront.user;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.PatternTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.session.data.redis.RedisIndexedSessionRepository;

/**
 * Spring Session's Redis event listener with bounded resources. Without a
 * {@code springSessionRedisTaskExecutor} it starts a thread per message, and with keyspace notifications
 * on, every expiry in the database is a message on every instance. Here two threads and a bounded queue
 * handle them (a message that does not fit is dropped and counted: the indexed repository's cleanup job
 * still expires the session, only the principal index keeps a dead id until it is listed).
 * <p>
 * Only the expiry channel is subscribed: deletions go through the repository, which cleans the
 * principal index itself, and nothing here listens for session-created or -deleted events.
 */
@Configuration(proxyBeanMethods = false)
class SessionEventsConfiguration {

	static final String THREAD_PREFIX = "session-events-";

	@Bean
	ThreadPoolTaskExecutor springSessionRedisTaskExecutor(MeterRegistry meters) {
		Counter dropped = Counter.builder("storefront.session.events.dropped")
			.description("Spring Session keyspace events dropped because the listener queue was full")
			.register(meters);
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setCorePoolSize(2);
		executor.setMaxPoolSize(2);
		executor.setQueueCapacity(10_000);
		executor.setThreadNamePrefix(THREAD_PREFIX);
		// Never run on the caller: that is the pub/sub connection's event loop, and the listener calls Redis.
		executor.setRejectedExecutionHandler((task, pool) -> dropped.increment());
		executor.setWaitForTasksToCompleteOnShutdown(false);
		return executor;
	}

	@Bean
	static BeanPostProcessor sessionEventSubscriptions(ObjectProvider<RedisIndexedSessionRepository> repository) {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof RedisMessageListenerContainer container
						&& "springSessionRedisMessageListenerContainer".equals(beanName)) {
					RedisIndexedSessionRepository sessions = repository.getObject();
					container.removeMessageListener(sessions, new ChannelTopic(sessions.getSessionDeletedChannel()));
					container.removeMessageListener(sessions,
							new PatternTopic(sessions.getSessionCreatedChannelPrefix() + "*"));
				}
				return bean;
			}
		};
	}

}
