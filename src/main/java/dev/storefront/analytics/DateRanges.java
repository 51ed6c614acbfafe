package dev.storefront.analytics;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import dev.storefront.web.InvalidRequest;

/**
 * Validates date ranges of analytics queries: ordered, and no longer than the data is kept.
 */
final class DateRanges {

	private DateRanges() {
	}

	static List<LocalDate> days(LocalDate from, LocalDate to, Duration retention) {
		if (to.isBefore(from)) {
			throw new InvalidRequest("from (" + from + ") must not be after to (" + to + ")");
		}
		long length = from.datesUntil(to.plusDays(1)).count();
		if (length > retention.toDays()) {
			throw new InvalidRequest("a range covers at most " + retention.toDays()
					+ " days, the time the data is kept; " + length + " asked");
		}
		return from.datesUntil(to.plusDays(1)).toList();
	}

}
