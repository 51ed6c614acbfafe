package dev.storefront.jobs;

import java.util.Locale;

/**
 * Where a job is. {@code paused} is how a waiting or prioritized job shows while its queue is paused.
 */
public enum JobState {

	WAITING, DELAYED, PRIORITIZED, ACTIVE, COMPLETED, FAILED, PAUSED;

	/** The lower-case name the API and the Redis structures use. */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static JobState of(String value) {
		try {
			return valueOf(value.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new dev.storefront.web.InvalidRequest("unknown job state '" + value
					+ "': waiting, delayed, prioritized, active, completed, failed or paused");
		}
	}

}
