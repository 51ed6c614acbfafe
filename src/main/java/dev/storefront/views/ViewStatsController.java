package dev.storefront.views;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import dev.storefront.web.ApiAccess;
import dev.storefront.web.ApiAccess.Audience;

import java.time.LocalDate;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "views")
@ApiAccess(Audience.ANYONE)
@RestController
class ViewStatsController {

	private final ViewStatsService stats;

	ViewStatsController(ViewStatsService stats) {
		this.stats = stats;
	}

	/**
	 * {@code {views, uniqueVisitorsToday}}, plus {@code range} when {@code from} or {@code to} is given
	 * (ISO dates, UTC; {@code to} defaults to today and {@code from} to {@code to}). With Redis down, the
	 * database count alone: views not flushed yet are missing until it is back, visitors read 0.
	 */
	@Operation(summary = "Get a product's view statistics", description = "Views (database count plus what is not flushed yet) and today's unique visitors; with `from`/`to` (at most 35 days) also the range's unique visitors and daily counts.")
	@GetMapping("/api/products/{id}/stats")
	ViewStats stats(@PathVariable long id,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
		return stats.stats(id, from, to);
	}

}
