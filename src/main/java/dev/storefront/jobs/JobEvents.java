package dev.storefront.jobs;

import java.nio.charset.StandardCharsets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.PatternTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Listens to every queue's event channel: {@code added} and {@code resumed} wake this instance's idle
 * workers; {@code completed}, {@code failed}, {@code retrying}, {@code progress} and {@code stalled}
 * are republished locally as {@link JobEvent}s. Pub/sub is fire-and-forget: a missed wakeup costs one
 * poll interval, never a job.
 */
@Component
class JobEvents implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(JobEvents.class);

	private final RedisMessageListenerContainer container = new RedisMessageListenerContainer();

	private final Wakeups wakeups;

	private final ApplicationEventPublisher publisher;

	private final JsonMapper json;

	JobEvents(RedisConnectionFactory connections, Wakeups wakeups, ApplicationEventPublisher publisher, JsonMapper json) {
		this.wakeups = wakeups;
		this.publisher = publisher;
		this.json = json;
		container.setConnectionFactory(connections);
		container.setRecoveryInterval(2000);
		container.addMessageListener(this::onMessage, new PatternTopic(JobKeys.EVENTS_PATTERN));
	}

	private void onMessage(Message message, byte[] pattern) {
		String queue = JobKeys.queueOfChannel(new String(message.getChannel(), StandardCharsets.UTF_8));
		try {
			JsonNode event = json.readTree(message.getBody());
			String type = event.path("event").asString();
			switch (type) {
				case "added", "resumed" -> wakeups.wake(queue);
				case "completed", "failed", "retrying", "progress", "stalled" -> publisher.publishEvent(new JobEvent(queue,
						event.path("jobId").asString(), type, owner(event), event.has("progress") ? event.get("progress").asInt() : null,
						event.has("failedReason") ? event.get("failedReason").asString() : null));
				default -> {
				}
			}
		}
		catch (RuntimeException ex) {
			log.debug("Ignoring a malformed job event on {}: {}", queue, ex.toString());
		}
	}

	private static Long owner(JsonNode event) {
		String owner = event.path("owner").asString("");
		return owner.isEmpty() ? null : Long.valueOf(owner);
	}

	private boolean initialized;

	@Override
	public synchronized void start() {
		// A context can be stopped and started again (Spring's test context pausing): initialise once.
		if (!initialized) {
			container.afterPropertiesSet();
			initialized = true;
		}
		container.start();
	}

	@Override
	public void stop() {
		container.stop();
	}

	@Override
	public boolean isRunning() {
		return container.isRunning();
	}

}
