package dev.storefront.views;

/**
 * The views of one product.
 *
 * @param views all views so far: the database count plus what Redis holds that is not flushed yet
 * @param uniqueVisitorsToday distinct visitors today (UTC), estimated by a HyperLogLog (about 0.8% error)
 */
record ViewStats(long views, long uniqueVisitorsToday) {
}
