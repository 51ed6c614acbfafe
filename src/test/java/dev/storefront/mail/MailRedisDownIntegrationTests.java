package dev.storefront.mail;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.storefront.jobs.JobState;
import dev.storefront.jobs.Queues;
import dev.storefront.jobs.TestQueues;
import dev.storefront.support.EmbeddedRedis;
import dev.storefront.user.UserRegistered;
import dev.storefront.web.StoreFailures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Redis down, on a Redis of its own: adding a job fails as "store unavailable" (the API answers 503
 * with Retry-After), and a mail triggered meanwhile is enqueued once Redis is back, not lost.
 */
class MailRedisDownIntegrationTests {

	private final EmbeddedRedis server = EmbeddedRedis.start();

	private final LettuceConnectionFactory factory = server.connectionFactory(Duration.ofMillis(500));

	private final Queues queues = TestQueues.on(new StringRedisTemplate(factory));

	private final MailSettings settings = MailTestSettings.defaults();

	private final PendingMails pending = new PendingMails(queues, settings, new DefaultListableBeanFactory());

	@AfterEach
	void tearDown() {
		pending.stop();
		factory.destroy();
		server.close();
	}

	@Test
	void mailTriggeredWhileRedisIsDownIsEnqueuedOnceItReturns() {
		pending.start();
		MailMetrics metrics = new MailMetrics(new SimpleMeterRegistry());
		MailTriggers triggers = new MailTriggers(queues, pending, new MailBacklog(queues, settings, metrics), metrics,
				settings);
		MailJob mail = new MailJob(MailJob.Kind.WELCOME, 7, null, null, null, List.of());
		server.stop();

		Throwable failure = catchThrowable(() -> queues.add("email-welcome", "welcome", mail, null));
		assertThat(StoreFailures.isUnavailable(failure)).as("classified as 503, not 500: %s", failure).isTrue();
		triggers.on(new UserRegistered(UUID.randomUUID(), Instant.now(), 7, "seven@example.com", "Seven"));
		assertThat(pending.size()).isEqualTo(1);

		server.restart();
		await().atMost(Duration.ofSeconds(20)).until(() -> pending.size() == 0);
		assertThat(queues.job("email-welcome", "welcome:7").orElseThrow().state()).isEqualTo(JobState.WAITING);
		triggers.enqueue(mail);
		assertThat(queues.counts("email-welcome").get(JobState.WAITING)).isEqualTo(1);
	}

}
