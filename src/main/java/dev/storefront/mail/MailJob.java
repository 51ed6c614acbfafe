package dev.storefront.mail;

import java.math.BigDecimal;
import java.util.List;

/**
 * The payload of an {@code email} job: what happened, to whom, and the order's lines if any. The
 * recipient's address is looked up when the mail is sent.
 *
 * @param kind which mail
 * @param userId the recipient
 * @param orderId the order, or {@code null} for a welcome mail
 * @param total the order's total, or {@code null}
 * @param currency the order's currency, or {@code null}
 * @param lines the order's lines (empty for a welcome mail)
 */
record MailJob(Kind kind, long userId, Long orderId, BigDecimal total, String currency, List<Line> lines) {

	/** Which mail, and the job id prefix that makes it unique per reason. */
	enum Kind {

		ORDER_CONFIRMED("order-confirmed"), ORDER_SHIPPED("order-shipped"), WELCOME("welcome");

		final String reason;

		Kind(String reason) {
			this.reason = reason;
		}

	}

	/** The job id: one mail per reason, e.g. {@code order-confirmed:42} or {@code welcome:7}. */
	String jobId() {
		return kind.reason + ":" + (orderId != null ? orderId : userId);
	}

	/** One order line. */
	record Line(long productId, int quantity, BigDecimal unitPrice) {
	}

}
