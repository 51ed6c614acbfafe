package dev.storefront.jobs;

import org.springframework.http.HttpStatus;

import dev.storefront.web.DomainException;

/**
 * No such job, or not one the caller may see (the same answer, so ids cannot be probed).
 */
class JobNotFound extends DomainException {

	JobNotFound(String jobId) {
		super(HttpStatus.NOT_FOUND, "job-not-found", "Job " + jobId + " not found");
		with("jobId", jobId);
	}

}
