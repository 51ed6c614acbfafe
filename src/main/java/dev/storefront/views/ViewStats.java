package dev.storefront.views;

import java.time.LocalDate;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The views of one product.
 *
 * @param views all views so far: the database count plus what Redis holds that is not flushed yet
 * @param uniqueVisitorsToday distinct visitors today (UTC), estimated by a HyperLogLog (about 0.8% error)
 * @param range distinct visitors over {@code from..to}, when those were asked for
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ViewStats(long views, long uniqueVisitorsToday, VisitorRange range) {

	/**
	 * @param uniqueVisitors distinct visitors over the whole range (one multi-key PFCOUNT)
	 * @param daily distinct visitors per day
	 */
	record VisitorRange(LocalDate from, LocalDate to, long uniqueVisitors, Map<LocalDate, Long> daily) {
	}

}
