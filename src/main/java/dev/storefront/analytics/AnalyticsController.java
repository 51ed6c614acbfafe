package dev.storefront.analytics;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import dev.storefront.web.ApiAccess;
import dev.storefront.web.ApiAccess.Audience;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.storefront.catalog.Product;
import dev.storefront.catalog.ProductService;
import dev.storefront.user.CurrentUser;

@Tag(name = "analytics")
@RestController
class AnalyticsController {

	private final Bestsellers bestsellers;

	private final UniqueVisitors visitors;

	private final ActiveUsers activeUsers;

	private final RecentlyViewed recentlyViewed;

	private final ProductService products;

	AnalyticsController(Bestsellers bestsellers, UniqueVisitors visitors, ActiveUsers activeUsers,
			RecentlyViewed recentlyViewed, ProductService products) {
		this.bestsellers = bestsellers;
		this.visitors = visitors;
		this.activeUsers = activeUsers;
		this.recentlyViewed = recentlyViewed;
		this.products = products;
	}

	/** Best-selling products of an ISO week (default: this week), with units sold; deleted products are left out. */
	@ApiAccess(Audience.ANYONE)
	@Operation(summary = "Get a week's bestsellers", description = "Units sold per product in an ISO week (`2026-W48`, default this week), best first.")
	@GetMapping("/api/products/bestsellers")
	BestsellerList bestsellers(@RequestParam(required = false) String week,
			@RequestParam(defaultValue = "10") @Min(1) @Max(100) int limit) {
		IsoWeek asked = week == null ? bestsellers.currentWeek() : IsoWeek.parse(week);
		Map<Long, Long> top = bestsellers.top(asked, limit);
		Map<Long, Product> found = products.findAll(top.keySet()).stream()
			.collect(Collectors.toMap(Product::id, Function.identity()));
		List<Bestseller> ranked = top.entrySet().stream()
			.filter(entry -> found.containsKey(entry.getKey()))
			.map(entry -> Bestseller.of(found.get(entry.getKey()), entry.getValue()))
			.toList();
		return new BestsellerList(asked.toString(), ranked);
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
			@RequestParam(defaultValue = "any") String mode) {
		if (date != null && (from != null || to != null)) {
			throw new IllegalArgumentException("give either date or from and to, not both");
		}
		if (from == null && to == null) {
			LocalDate day = date == null ? visitors.today() : date;
			return new ActiveUserCount(day, day, null, activeUsers.count(day));
		}
		if (from == null || to == null) {
			throw new IllegalArgumentException("a range needs both from and to");
		}
		ActiveUsers.Mode parsed = switch (mode) {
			case "all" -> ActiveUsers.Mode.ALL;
			case "any" -> ActiveUsers.Mode.ANY;
			default -> throw new IllegalArgumentException("mode must be all or any, not " + mode);
		};
		return new ActiveUserCount(from, to, mode, activeUsers.count(from, to, parsed));
	}

	/** The caller's recently viewed products, newest first. */
	@ApiAccess(Audience.USER)
	@Operation(summary = "List my recently viewed products", description = "Newest first, at most 50.")
	@GetMapping("/api/users/me/recently-viewed")
	List<Product> recentlyViewed(@AuthenticationPrincipal CurrentUser user) {
		return recentlyViewed.of(user.id());
	}

	/**
	 * One ranked product.
	 */
	record Bestseller(long productId, String name, String slug, BigDecimal price, String currency, long unitsSold) {

		static Bestseller of(Product product, long unitsSold) {
			return new Bestseller(product.id(), product.name(), product.slug(), product.price(), product.currency(),
					unitsSold);
		}

	}

	/**
	 * The ranking of one week.
	 */
	record BestsellerList(String week, List<Bestseller> products) {
	}

	/**
	 * Active users over {@code from..to}; {@code mode} is null for a single day.
	 */
	record ActiveUserCount(LocalDate from, LocalDate to, String mode, long activeUsers) {
	}

}
