package dev.storefront.analytics;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import dev.storefront.web.ApiAccess;
import dev.storefront.web.ApiAccess.Audience;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.storefront.catalog.Product;
import dev.storefront.user.CurrentUser;
import dev.storefront.web.InvalidRequest;

@Tag(name = "analytics")
@RestController
class AnalyticsController {

	private final Bestsellers bestsellers;

	private final UniqueVisitors visitors;

	private final ActiveUsers activeUsers;

	private final RecentlyViewed recentlyViewed;

	AnalyticsController(Bestsellers bestsellers, UniqueVisitors visitors, ActiveUsers activeUsers,
			RecentlyViewed recentlyViewed) {
		this.bestsellers = bestsellers;
		this.visitors = visitors;
		this.activeUsers = activeUsers;
		this.recentlyViewed = recentlyViewed;
	}

	/** Best-selling products of an ISO week (default: this week), with units sold; deleted products are left out. */
	@ApiAccess(Audience.ANYONE)
	@Operation(summary = "Get a week's bestsellers", description = "Units sold per product in an ISO week (`2026-W48`, default this week), best first.")
	@GetMapping("/api/products/bestsellers")
	Bestsellers.BestsellerList bestsellers(@RequestParam(required = false) String week,
			@RequestParam(defaultValue = "10") @Min(1) @Max(100) int limit) {
		return bestsellers.ranking(week == null ? bestsellers.currentWeek() : IsoWeek.parse(week), limit);
	}

	/**
	 * Active users on one day ({@code date}, default today) or over a range ({@code from}, {@code to}) in
	 * mode {@code all} (active every day) or {@code any} (active on at least one day).
	 */
	@ApiAccess(Audience.ADMIN)
	@Operation(summary = "Count active users", description = "Users active on `date`, or over `from`..`to` with `mode=all` (every day) or `any` (at least one day).")
	@GetMapping("/api/admin/analytics/active-users")
	ActiveUserCount activeUsers(
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(defaultValue = "any") ActiveUsers.Mode mode) {
		if (date != null && (from != null || to != null)) {
			throw new InvalidRequest("give either date or from and to, not both");
		}
		if (from == null && to == null) {
			LocalDate day = date == null ? visitors.today() : date;
			return new ActiveUserCount(day, day, null, activeUsers.count(day));
		}
		if (from == null || to == null) {
			throw new InvalidRequest("a range needs both from and to");
		}
		return new ActiveUserCount(from, to, mode.toString(), activeUsers.count(from, to, mode));
	}

	/** The caller's recently viewed products, newest first. */
	@ApiAccess(Audience.USER)
	@Operation(summary = "List my recently viewed products", description = "Newest first, at most 50.")
	@GetMapping("/api/users/me/recently-viewed")
	List<Product> recentlyViewed(@AuthenticationPrincipal CurrentUser user) {
		return recentlyViewed.of(user.id());
	}

	/**
	 * Active users over {@code from..to}; {@code mode} is null for a single day.
	 */
	record ActiveUserCount(LocalDate from, LocalDate to, String mode, long activeUsers) {
	}

}
