package dev.storefront.analytics;

import java.time.LocalDate;

/**
 * Redis names of the analytics module, all under {@code sf:an:}. Keys that one command reads together
 * share a hash tag: a product's daily visitor logs ({@code {p:42}}) and all active-user bitmaps
 * ({@code {dau}}), so multi-key PFCOUNT and BITOP stay on one cluster slot.
 */
final class AnalyticsKeys {

	private static final String PREFIX = "sf:an:";

	private AnalyticsKeys() {
	}

	/** Sorted set of units sold per product in one ISO week, e.g. {@code sf:an:best:2026-W48}. */
	static String bestsellers(IsoWeek week) {
		return PREFIX + "best:" + week;
	}

	/**
	 * Marks that an order's units are counted in a week's ranking, e.g.
	 * {@code {sf:an:best:2026-W48}:counted:42}. Its hash tag is the weekly key's whole name, so it lives on
	 * that key's cluster slot and the count script can set it with the ranking atomically.
	 */
	static String bestsellerCounted(IsoWeek week, long orderId) {
		return "{" + bestsellers(week) + "}:counted:" + orderId;
	}

	/**
	 * The ISO week an order's confirmation was counted in, e.g. {@code sf:an:best-week:order:42}, so a
	 * later cancellation takes the units off that week, not the week it happens in.
	 */
	static String bestsellerWeekOfOrder(long orderId) {
		return PREFIX + "best-week:order:" + orderId;
	}

	/** HyperLogLog of a product's visitors on one day, e.g. {@code sf:an:uv:{p:42}:2026-11-29}. */
	static String uniqueVisitors(long productId, LocalDate day) {
		return PREFIX + "uv:{p:" + productId + "}:" + day;
	}

	/** Bitmap of the users active on one day, bit = user id, e.g. {@code sf:an:dau:{dau}:2026-11-29}. */
	static String activeUsers(LocalDate day) {
		return PREFIX + "dau:{dau}:" + day;
	}

	/** Short-lived BITOP result for a range query, e.g. {@code sf:an:dau:{dau}:all:2026-11-01:2026-11-29}. */
	static String activeUsersCombined(String mode, LocalDate from, LocalDate to) {
		return PREFIX + "dau:{dau}:" + mode + ":" + from + ":" + to;
	}

	/** List of a user's recently viewed product ids, newest first, e.g. {@code sf:an:rv:7}. */
	static String recentlyViewed(long userId) {
		return PREFIX + "rv:" + userId;
	}

}
