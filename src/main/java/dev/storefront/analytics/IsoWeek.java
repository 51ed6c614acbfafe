package dev.storefront.analytics;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.storefront.web.InvalidRequest;

/**
 * An ISO-8601 week such as {@code 2026-W48}: weeks start on Monday and belong to the year that holds
 * their Thursday.
 */
record IsoWeek(int year, int week) {

	private static final Pattern FORMAT = Pattern.compile("(\\d{4})-W(\\d{2})");

	IsoWeek {
		LocalDate probe = LocalDate.of(year, 6, 1);
		long weeks = probe.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum();
		if (week < 1 || week > weeks) {
			throw new InvalidRequest("week " + year + "-W" + week + " does not exist");
		}
	}

	static IsoWeek of(LocalDate date) {
		return new IsoWeek(date.get(IsoFields.WEEK_BASED_YEAR), date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
	}

	/** Parses {@code YYYY-Www}; anything else is an {@link InvalidRequest} (a 400). */
	static IsoWeek parse(String text) {
		Matcher matcher = FORMAT.matcher(text);
		if (!matcher.matches()) {
			throw new InvalidRequest("week must look like 2026-W48, not " + text);
		}
		return new IsoWeek(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
	}

	/** The Monday that starts this week. */
	LocalDate monday() {
		return LocalDate.of(year, 6, 1)
			.with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week)
			.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
	}

	@Override
	public String toString() {
		return String.format("%04d-W%02d", year, week);
	}

}
