package dev.storefront.jobs;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import dev.storefront.web.ApiAccess;
import dev.storefront.web.ApiAccess.Audience;

import java.time.Instant;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import dev.storefront.user.CurrentUser;

/**
 * {@code GET /api/jobs/{queue}:{id}}: the job's creator sees it, admins see all, anyone else gets 404.
 */
@Tag(name = "jobs")
@ApiAccess(Audience.USER)
@RestController
class JobController {

	private final Queues queues;

	JobController(Queues queues) {
		this.queues = queues;
	}

	@Operation(summary = "Get a background job", description = "`id` is `<queue>:<jobId>`, as returned when the job was accepted. The job's creator sees it, administrators see all; anyone else gets 404. `failedReason` is the detailed reason for administrators only; the creator sees a generic one.")
	@GetMapping("/api/jobs/{id}")
	JobView find(@PathVariable String id, @AuthenticationPrincipal CurrentUser user) {
		Job job = queues.job(id)
			.filter(j -> user != null && (user.isAdmin() || Long.valueOf(user.id()).equals(j.owner())))
			.orElseThrow(() -> new JobNotFound(id));
		return JobView.of(job, user.isAdmin());
	}

	/**
	 * A job as the API shows it; {@code result} is the handler's return value as JSON text. Only
	 * administrators see why an attempt failed: the reason names exception classes and internal hosts
	 * and ports (an SMTP server's, a database's). The job's owner gets a generic reason.
	 */
	record JobView(String id, String queue, String name, String state, int progress, int attempts,
			String failedReason, String result, Instant createdAt, Instant finishedAt) {

		static final String FAILED = "The job failed. An administrator can see why.";

		static final String RETRYING = "An attempt failed; the job will be tried again.";

		static JobView of(Job job, boolean admin) {
			String reason = job.failedReason();
			if (reason != null && !admin) {
				reason = job.state() == JobState.FAILED ? FAILED : RETRYING;
			}
			return new JobView(job.globalId(), job.queue(), job.name(), job.state().value(), job.progress(),
					job.attemptsMade(), reason, job.result(), job.createdAt(), job.finishedAt());
		}

	}

}
