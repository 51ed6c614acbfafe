package dev.storefront.jobs;

import org.springframework.http.HttpStatus;

import dev.storefront.web.DomainException;

/**
 * A running job cannot be removed: its worker holds the lease.
 */
class JobActive extends DomainException {

	JobActive(String jobId) {
		super(HttpStatus.CONFLICT, "job-active", "Job " + jobId + " is running and cannot be removed");
		with("jobId", jobId);
	}

}
