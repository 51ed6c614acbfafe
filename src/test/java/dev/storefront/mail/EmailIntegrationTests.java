package dev.storefront.mail;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.storefront.jobs.Job;
import dev.storefront.jobs.JobState;
import dev.storefront.jobs.Queues;
import dev.storefront.support.Api;
import dev.storefront.support.DevServices;
import dev.storefront.support.IntegrationTest;
import dev.storefront.support.ProductFixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real mail over SMTP to GreenMail: domain events enqueue {@code email} jobs whose id is the reason,
 * and the worker sends each mail once, also across an SMTP outage.
 */
@IntegrationTest
class EmailIntegrationTests {

	@Autowired
	Queues queues;

	@Autowired
	MailTriggers triggers;

	final GreenMail smtp = DevServices.mail();

	@Autowired
	Api api;

	ProductFixtures catalog;

	@BeforeEach
	void setUp() {
		catalog = new ProductFixtures(api);
	}

	@Test
	void paidOrderSendsExactlyOneConfirmationMailWithTheOrderIdAndTotal() throws Exception {
		Api.Session user = api.newUser();
		long orderId = placeAndPay(user);

		await().atMost(Duration.ofSeconds(20)).until(() -> mails(user.email(), "confirmed").size() == 1);
		Message mail = mails(user.email(), "confirmed").get(0);
		assertThat(mail.getSubject()).isEqualTo("Order " + orderId + " confirmed");
		String body = GreenMailUtil.getBody(mail);
		assertThat(body).contains("order " + orderId).contains("Total: 25.00 EUR").contains("<table>");

		// The same reason again (a redelivered event) adds nothing.
		Job again = queues.add("email", "order-confirmed", "{}",
				dev.storefront.jobs.JobOptions.id("order-confirmed:" + orderId));
		assertThat(again.state()).isEqualTo(JobState.COMPLETED);
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
			.until(() -> mails(user.email(), "confirmed").size() == 1);
	}

	@Test
	void mailEnqueuedWhileSmtpIsDownArrivesOnceAfterItReturns() throws Exception {
		Api.Session user = api.newUser();
		smtp.stop();
		long orderId;
		try {
			orderId = placeAndPay(user);
			await().atMost(Duration.ofSeconds(20)).until(() -> queues.job("email", "order-confirmed:" + orderId)
				.filter(job -> job.attemptsMade() >= 1 && job.state() == JobState.DELAYED)
				.isPresent());
			assertThat(queues.job("email", "order-confirmed:" + orderId).orElseThrow().failedReason())
				.startsWith("MailSendException");
		}
		finally {
			smtp.start();
		}

		await().atMost(Duration.ofSeconds(30)).until(() -> mails(user.email(), "confirmed").size() == 1);
		await().atMost(Duration.ofSeconds(5))
			.until(() -> queues.job("email", "order-confirmed:" + orderId).orElseThrow().state() == JobState.COMPLETED);
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
			.until(() -> mails(user.email(), "confirmed").size() == 1);
	}

	@Test
	void registrationSendsOneWelcomeMail() {
		Api.Session user = api.newUser();

		await().atMost(Duration.ofSeconds(20)).until(() -> mails(user.email(), "Welcome").size() == 1);
		assertThat(queues.job("email", "welcome:" + user.userId()).orElseThrow().owner()).isEqualTo(user.userId());
	}

	private long placeAndPay(Api.Session user) {
		long product = catalog.product("12.50", 10);
		long orderId = api.post("/api/orders", Map.of("items", List.of(Map.of("productId", product, "quantity", 2))))
			.as(user)
			.send()
			.expect(201)
			.json()
			.get("id")
			.asLong();
		api.post("/api/orders/" + orderId + "/pay", null).as(user).send().expect(200);
		return orderId;
	}

	private List<Message> mails(String to, String subjectPart) {
		return Arrays.stream(smtp.getReceivedMessagesForDomain(to)).<Message>map(m -> m).filter(m -> {
			try {
				return m.getSubject().contains(subjectPart);
			}
			catch (MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}).toList();
	}

}
