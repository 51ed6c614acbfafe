package dev.storefront.jobs;

import org.springframework.http.HttpStatus;

import dev.storefront.web.DomainException;

/**
 * A custom job id that is a plain number: it could collide with an id the queue generates (1, 2, 3, ...),
 * so a later job would be deduplicated into someone else's. BullMQ refuses them for the same reason.
 */
public class NumericJobId extends DomainException {

	NumericJobId(String jobId) {
		super(HttpStatus.BAD_REQUEST, "numeric-job-id", "Custom job id '" + jobId
				+ "' is a plain number and could collide with a generated id; give it a prefix, e.g. 'order-confirmed:"
				+ jobId + "'");
		with("jobId", jobId);
	}

}
