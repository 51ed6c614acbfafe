package dev.storefront.jobs;

import java.time.Duration;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many finished jobs (completed or failed) a queue keeps, and for how long. Nothing lives forever:
 * every finished job expires after {@code age}.
 *
 * @param count the most finished jobs kept; older ones are deleted first (-1 = no count limit)
 * @param age how long a finished job and its log are kept
 */
public record KeepJobs(@DefaultValue("1000") int count, @DefaultValue("1d") Duration age) {

	public KeepJobs {
		if (age == null || age.toMillis() <= 0) {
			throw new IllegalArgumentException("finished jobs need a positive retention age");
		}
	}

}
