package dev.storefront.web;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;

/**
 * Tells "a backing store is unreachable or too slow" (503, retry later) from genuine bugs (500).
 */
public final class StoreFailures {

	private StoreFailures() {
	}

	/**
	 * Whether {@code failure} or one of its causes means PostgreSQL or Redis is unavailable: a lost
	 * connection, a timeout, or Lettuce rejecting commands while disconnected. An error reply from
	 * Redis (e.g. WRONGTYPE) is a bug, not an outage.
	 */
	public static boolean isUnavailable(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof DataAccessResourceFailureException || t instanceof QueryTimeoutException
					|| t instanceof java.sql.SQLTransientConnectionException) {
				// The last one: no pooled connection came free in time; the database is too busy, not broken.
				return true;
			}
			if (t instanceof RedisException && !(t instanceof RedisCommandExecutionException)) {
				return true;
			}
		}
		return false;
	}

}
