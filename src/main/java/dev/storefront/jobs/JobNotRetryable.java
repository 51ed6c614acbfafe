package dev.storefront.jobs;

import org.springframework.http.HttpStatus;

import dev.storefront.web.DomainException;

/**
 * Only failed jobs can be retried.
 */
class JobNotRetryable extends DomainException {

	JobNotRetryable(String jobId, JobState state) {
		super(HttpStatus.CONFLICT, "job-not-retryable", "Job " + jobId + " is " + state.value()
				+ "; only failed jobs are retried");
		with("jobId", jobId);
		with("state", state.value());
	}

}
