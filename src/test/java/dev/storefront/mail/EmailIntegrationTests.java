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

		await().atMost(Duration.ofSeconds(5))
			.until(() -> queues.job("email", "order-confirmed:" + orderId).orElseThrow().state() == JobState.COMPLETED);
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
	void mailSurvivesAnOutageOfManyFailedAttemptsAndArrivesExactlyOnce() throws Exception {
		Api.Session user = api.newUser();
		smtp.stop();
		long orderId;
		try {
			orderId = placeAndPay(user);
			// More failed attempts than the old schedule had in all (5): with the production shape made
			// short (application-test.yml), 8 attempts span what 30+ minutes of outage are in production.
			await().atMost(Duration.ofSeconds(40)).until(() -> queues.job("email", "order-confirmed:" + orderId)
				.filter(job -> job.attemptsMade() >= 8 || job.state() == JobState.FAILED)
				.isPresent());
			assertThat(queues.job("email", "order-confirmed:" + orderId).orElseThrow().state())
				.isIn(JobState.DELAYED, JobState.WAITING, JobState.ACTIVE);
		}
		finally {
			smtp.start();
		}

		await().atMost(Duration.ofSeconds(20)).until(() -> mails(user.email(), "confirmed").size() == 1);
		await().atMost(Duration.ofSeconds(5))
			.until(() -> queues.job("email", "order-confirmed:" + orderId).orElseThrow().state() == JobState.COMPLETED);
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
			.until(() -> mails(user.email(), "confirmed").size() == 1);
	}

	@Test
	void aMailThatHadFailedForGoodIsSentWhenItsReasonIsEnqueuedAgain() throws Exception {
		Api.Session user = api.newUser();
		MailJob mail = new MailJob(MailJob.Kind.ORDER_SHIPPED, user.userId(), 900_000_000L + user.userId(),
				new java.math.BigDecimal("1.00"), "EUR", List.of());
		smtp.stop();
		try {
			queues.add("email", "order-shipped", mail, dev.storefront.jobs.JobOptions.id(mail.jobId())
				.withOwner(user.userId())
				.withAttempts(1));
			await().atMost(Duration.ofSeconds(20))
				.until(() -> queues.job("email", mail.jobId()).orElseThrow().state() == JobState.FAILED);
		}
		finally {
			smtp.start();
		}

		// The reason happens again (a redelivered event, a resubmitted publication): the failed id does not
		// swallow it.
		triggers.enqueue(mail);

		await().atMost(Duration.ofSeconds(20)).until(() -> mails(user.email(), "shipped").size() == 1);
		// The worker completes the job only after SMTP accepted the mail: wait for that, not for the mail.
		await().atMost(Duration.ofSeconds(5))
			.until(() -> queues.job("email", mail.jobId()).orElseThrow().state() == JobState.COMPLETED);
		triggers.enqueue(mail);
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
			.until(() -> mails(user.email(), "shipped").size() == 1);
	}

	@Test
	void theOwnerSeesAGenericFailureReasonAndAnAdministratorTheDetail() {
		Api.Session user = api.newUser();
		int smtpPort = smtp.getSmtp().getPort();
		smtp.stop();
		long orderId;
		try {
			orderId = placeAndPay(user);
			await().atMost(Duration.ofSeconds(20)).until(() -> queues.job("email", "order-confirmed:" + orderId)
				.filter(job -> job.attemptsMade() >= 1 && job.failedReason() != null)
				.isPresent());

			String path = "/api/jobs/email:order-confirmed:" + orderId;
			String ownerReason = api.get(path).as(user).send().expect(200).json().get("failedReason").asString();
			assertThat(ownerReason).isEqualTo("An attempt failed; the job will be tried again.")
				.doesNotContain("Exception")
				.doesNotContain("127.0.0.1")
				.doesNotContain(String.valueOf(smtpPort));

			String adminReason = api.get(path).as(api.admin()).send().expect(200).json().get("failedReason").asString();
			assertThat(adminReason).startsWith("MailSendException");
		}
		finally {
			smtp.start();
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> mails(user.email(), "confirmed").size() == 1);
	}

	@Test
	void userTypedTextInAMailIsEscapedAndCut() throws Exception {
		String name = "<a href=\"https://evil.example\">Click</a>\r\nBcc: x@evil.example " + "A".repeat(50);
		String email = "name-" + java.util.UUID.randomUUID() + "@example.com";
		api.post("/api/auth/register", Map.of("email", email, "password", "password123", "name", name))
			.send()
			.expect(201);

		await().atMost(Duration.ofSeconds(20)).until(() -> mails(email, "Welcome").size() == 1);
		jakarta.mail.Multipart parts = (jakarta.mail.Multipart) mails(email, "Welcome").get(0).getContent();
		String html = part(parts, "text/html");
		assertThat(html).contains("Hello &lt;a href=&quot;https://evil.example&quot;&gt;Click")
			.doesNotContain("<a href")
			.doesNotContain("AAAA");
		String greeting = part(parts, "text/plain").lines().findFirst().orElseThrow();
		assertThat(greeting).startsWith("Hello <a href").endsWith("\u2026,").doesNotContain("Bcc").doesNotContain("AAAA");
		assertThat(greeting.codePointCount(0, greeting.length())).isEqualTo("Hello ".length() + 40 + ",".length());
	}

	private static String part(jakarta.mail.Multipart multipart, String type) throws Exception {
		for (int i = 0; i < multipart.getCount(); i++) {
			jakarta.mail.BodyPart part = multipart.getBodyPart(i);
			if (part.isMimeType(type)) {
				return (String) part.getContent();
			}
			if (part.getContent() instanceof jakarta.mail.Multipart nested) {
				String found = part(nested, type);
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

	@Test
	void registrationSendsOneWelcomeMail() {
		Api.Session user = api.newUser();

		await().atMost(Duration.ofSeconds(20)).until(() -> mails(user.email(), "Welcome").size() == 1);
		assertThat(queues.job("email-welcome", "welcome:" + user.userId()).orElseThrow().owner()).isEqualTo(user.userId());
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
