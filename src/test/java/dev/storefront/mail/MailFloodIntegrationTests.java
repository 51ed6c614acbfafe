package dev.storefront.mail;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.icegreen.greenmail.util.GreenMail;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.MessagingException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.storefront.jobs.JobState;
import dev.storefront.jobs.Queues;
import dev.storefront.support.Api;
import dev.storefront.support.DevServices;
import dev.storefront.support.IntegrationTest;
import dev.storefront.support.ProductFixtures;
import dev.storefront.user.UserRegistered;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A registration flood (welcome mails to addresses nobody verified) against transactional mail: order
 * mails do not wait behind welcome mails, and the welcome backlog is bounded and measured.
 */
@IntegrationTest
class MailFloodIntegrationTests {

	@Autowired
	Api api;

	@Autowired
	Queues queues;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	MeterRegistry meters;

	@Autowired
	MailTriggers triggers;

	@Autowired
	PendingMails pending;

	@Autowired
	MailSettings settings;

	final GreenMail smtp = DevServices.mail();

	@Test
	void threeHundredRegistrationsFromThreeAddressesDoNotDelayAnOrderConfirmation() throws Exception {
		Api.Session buyer = api.newUser();
		long product = new ProductFixtures(api).product("12.50", 10);
		// The welcome worker is held, so the 300 welcome mails are all still waiting when the order is paid:
		// the worst case of a flood faster than the welcome mails leave.
		queues.pause("email-welcome");
		try {
			List<String> addresses = List.of("198.51.100.7", "198.51.100.8", "198.51.100.9");
			ExecutorService clients = Executors.newFixedThreadPool(addresses.size());
			try {
				List<Future<?>> done = new ArrayList<>();
				for (String address : addresses) {
					done.add(clients.submit(() -> {
						for (int i = 0; i < 100; i++) {
							String email = "flood-" + UUID.randomUUID() + "@example.com";
							api.post("/api/auth/register", Map.of("email", email, "password", "password123", "name", "Flood"))
								.header("X-Forwarded-For", address)
								.send()
								.expect(201);
						}
					}));
				}
				for (Future<?> future : done) {
					future.get();
				}
			}
			finally {
				clients.shutdown();
			}
			await().atMost(Duration.ofSeconds(30))
				.until(() -> redis.opsForList().size("sf:q:{email-welcome}:wait") >= 300);
			assertThat(meters.get("storefront.mail.backlog").tag("queue", "email-welcome").gauge().value())
				.isGreaterThanOrEqualTo(299);

			long started = System.nanoTime();
			long orderId = api.post("/api/orders", Map.of("items", List.of(Map.of("productId", product, "quantity", 1))))
				.as(buyer)
				.send()
				.expect(201)
				.json()
				.get("id")
				.asLong();
			api.post("/api/orders/" + orderId + "/pay", null).as(buyer).send().expect(200);

			await().atMost(Duration.ofSeconds(5)).until(() -> confirmations(buyer.email()) == 1);
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
		}
		finally {
			queues.resume("email-welcome");
		}
	}

	@Test
	void welcomeMailsOverTheBoundAreDroppedAndCountedWhileOrderMailsAreNever() {
		String queue = "welcome-bound-" + UUID.randomUUID().toString().substring(0, 8);
		MailSettings bounded = settings.withWelcomeQueue(queue, 3);
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		MailMetrics metrics = new MailMetrics(registry);
		MailTriggers flood = new MailTriggers(queues, pending, new MailBacklog(queues, bounded, metrics), metrics, bounded);

		// No worker serves this queue: every welcome mail added stays waiting.
		for (long user = 1; user <= 5; user++) {
			flood.on(new UserRegistered(UUID.randomUUID(), Instant.now(), 800_000_000L + user, "x@example.com", "X"));
		}

		assertThat(redis.opsForList().size("sf:q:{" + queue + "}:wait")).isEqualTo(3);
		assertThat(registry.get("storefront.mail.dropped").tag("kind", "welcome").counter().count()).isEqualTo(2);
		assertThat(registry.get("storefront.mail.backlog").tag("queue", queue).gauge().value()).isEqualTo(3);

		Api.Session buyer = api.newUser();
		MailJob order = new MailJob(MailJob.Kind.ORDER_CONFIRMED, buyer.userId(), 700_000_000L + buyer.userId(),
				new BigDecimal("3.00"), "EUR", List.of());
		flood.enqueue(order);
		assertThat(queues.job("email", order.jobId())).isPresent();
		await().atMost(Duration.ofSeconds(20)).until(() -> confirmations(buyer.email()) == 1);
		// The mail reaches the SMTP server just before its job is marked completed: wait for that too.
		await().atMost(Duration.ofSeconds(20))
			.until(() -> queues.job("email", order.jobId()).orElseThrow().state() == JobState.COMPLETED);
		assertThat(confirmations(buyer.email())).isEqualTo(1);
		assertThat(registry.find("storefront.mail.dropped").tag("kind", "order-confirmed").counter()).isNull();
	}

	private long confirmations(String to) {
		return Arrays.stream(smtp.getReceivedMessagesForDomain(to)).filter(m -> {
			try {
				return m.getSubject().contains("confirmed");
			}
			catch (MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}).count();
	}

}
