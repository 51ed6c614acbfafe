package dev.storefront.mail;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

import dev.storefront.catalog.Product;
import dev.storefront.catalog.ProductService;
import dev.storefront.user.UserContacts;

/**
 * Renders a mail server-side: subject, a text part and an HTML part with the order lines and totals.
 */
@Component
class MailComposer {

	private final ProductService products;

	private final MailSettings settings;

	MailComposer(ProductService products, MailSettings settings) {
		this.products = products;
		this.settings = settings;
	}

	Mail compose(MailJob job, UserContacts.Contact to) {
		String greeting = "Hello " + userText(to.name(), settings.maxNameLength()) + ",";
		return switch (job.kind()) {
			case WELCOME -> new Mail(to.email(), "Welcome to " + settings.shopName(),
					greeting + "\n\nyour account is ready. Happy shopping!\n\n" + signature(),
					html(greeting, "<p>Your account is ready. Happy shopping!</p>"));
			case ORDER_CONFIRMED -> order(job, to, greeting, "Order " + job.orderId() + " confirmed",
					"we received your payment for order " + job.orderId() + ".");
			case ORDER_SHIPPED -> order(job, to, greeting, "Order " + job.orderId() + " shipped",
					"your order " + job.orderId() + " is on its way.");
		};
	}

	private Mail order(MailJob job, UserContacts.Contact to, String greeting, String subject, String sentence) {
		Map<Long, String> names = productNames(job.lines());
		StringBuilder text = new StringBuilder(greeting).append("\n\n").append(sentence).append("\n\n");
		StringBuilder rows = new StringBuilder();
		for (MailJob.Line line : job.lines()) {
			String name = userText(names.getOrDefault(line.productId(), "Product " + line.productId()),
					settings.maxProductNameLength());
			BigDecimal amount = line.unitPrice().multiply(BigDecimal.valueOf(line.quantity()));
			text.append(String.format("%3d x %-40s %10s %s%n", line.quantity(), name, amount.toPlainString(), job.currency()));
			rows.append("<tr><td>").append(line.quantity()).append("</td><td>").append(esc(name))
				.append("</td><td style=\"text-align:right\">").append(amount.toPlainString()).append(' ')
				.append(esc(job.currency())).append("</td></tr>");
		}
		String total = job.total().toPlainString() + " " + job.currency();
		text.append("\nTotal: ").append(total).append("\n\n")
			.append("Your order: ").append(settings.baseUrl()).append("/api/orders/").append(job.orderId())
			.append("\n\n").append(signature());
		String html = html(greeting, "<p>" + esc(sentence) + "</p><table>"
				+ "<tr><th>Qty</th><th>Product</th><th>Amount</th></tr>" + rows
				+ "<tr><td></td><td><strong>Total</strong></td><td style=\"text-align:right\"><strong>" + esc(total)
				+ "</strong></td></tr></table>");
		return new Mail(to.email(), subject, text.toString(), html);
	}

	private Map<Long, String> productNames(List<MailJob.Line> lines) {
		List<Long> ids = lines.stream().map(MailJob.Line::productId).distinct().limit(ProductService.MAX_BATCH).toList();
		return products.findAll(ids).stream().collect(Collectors.toMap(Product::id, Product::name, (a, b) -> a));
	}

	private String html(String greeting, String body) {
		return "<!DOCTYPE html><html><body style=\"font-family:sans-serif\"><p>" + esc(greeting) + "</p>" + body
				+ "<p>" + esc(signature()) + "</p></body></html>";
	}

	private String signature() {
		return "-- " + settings.shopName();
	}

	private static String esc(String value) {
		return HtmlUtils.htmlEscape(value);
	}

	/**
	 * Text someone typed (a user's name, a product name), made fit for a mail: control and format
	 * characters (line breaks, bidi overrides) become spaces, runs of spaces one, and it is cut to
	 * {@code max} characters with an ellipsis. The HTML part escapes it on top of that.
	 */
	static String userText(String value, int max) {
		if (value == null) {
			return "";
		}
		String flat = value.replaceAll("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]", " ").replaceAll("\\s+", " ").strip();
		if (flat.codePointCount(0, flat.length()) <= max) {
			return flat;
		}
		return flat.substring(0, flat.offsetByCodePoints(0, max - 1)).stripTrailing() + "\u2026";
	}

	/** A rendered mail. */
	record Mail(String to, String subject, String text, String html) {
	}


}
