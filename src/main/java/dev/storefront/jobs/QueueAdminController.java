package dev.storefront.jobs;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import dev.storefront.web.ApiAccess;
import dev.storefront.web.ApiAccess.Audience;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.format.annotation.DurationFormat;
import org.springframework.format.annotation.DurationFormat.Style;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.storefront.web.InvalidRequest;

/**
 * Queue operations for administrators ({@code /api/admin/**} needs ADMIN).
 */
@Tag(name = "jobs")
@ApiAccess(Audience.ADMIN)
@RestController
@RequestMapping("/api/admin")
class QueueAdminController {

	private final Queues queues;

	private final QueueOverview overview;

	QueueAdminController(Queues queues, QueueOverview overview) {
		this.queues = queues;
		this.overview = overview;
	}

	@Operation(summary = "Describe the job queues", description = "Per queue: counts by state, paused or not, the workers and the limiter.")
	@GetMapping("/queues")
	List<QueueOverview.QueueInfo> list() {
		return overview.all();
	}

	@Operation(summary = "List a queue's jobs by state", description = "`state`: waiting, delayed, prioritized, active, completed, failed or paused; paged.")
	@GetMapping("/queues/{queue}/jobs")
	List<JobController.JobView> jobs(@PathVariable String queue, @RequestParam(defaultValue = "failed") String state,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
		return queues.jobs(queue, state(state), page, size).stream().map(job -> JobController.JobView.of(job, true)).toList();
	}

	@Operation(summary = "Retry every failed job of a queue")
	@PostMapping("/queues/{queue}/retry-failed")
	Map<String, Object> retryFailed(@PathVariable String queue) {
		return Map.of("queue", queue, "retried", queues.retryFailed(queue));
	}

	@Operation(summary = "Pause a queue", description = "Workers on every instance stop taking jobs; running jobs finish.")
	@PostMapping("/queues/{queue}/pause")
	Map<String, Object> pause(@PathVariable String queue) {
		queues.pause(queue);
		return Map.of("queue", queue, "paused", true);
	}

	@Operation(summary = "Resume a paused queue")
	@PostMapping("/queues/{queue}/resume")
	Map<String, Object> resume(@PathVariable String queue) {
		queues.resume(queue);
		return Map.of("queue", queue, "paused", false);
	}

	@Operation(summary = "Clean finished jobs", description = "Removes `completed` or `failed` jobs older than `olderThan` (e.g. `1h`).")
	@DeleteMapping("/queues/{queue}/jobs")
	Map<String, Object> clean(@PathVariable String queue, @RequestParam String state,
			@RequestParam(defaultValue = "0s") @DurationFormat(style = Style.SIMPLE) Duration olderThan) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("queue", queue);
		body.put("state", state);
		body.put("deleted", queues.clean(queue, state(state), olderThan));
		return body;
	}

	@Operation(summary = "Retry a failed job")
	@ApiResponse(responseCode = "202", description = "The job is waiting again")
	@ApiResponse(responseCode = "409", description = "The job has not failed")
	@PostMapping("/jobs/{id}/retry")
	@ResponseStatus(HttpStatus.ACCEPTED)
	JobController.JobView retry(@PathVariable String id) {
		Job job = queues.job(id).orElseThrow(() -> new JobNotFound(id));
		if (!queues.retry(job.queue(), job.id())) {
			throw new JobNotRetryable(id, job.state());
		}
		return JobController.JobView.of(queues.job(job.queue(), job.id()).orElseThrow(() -> new JobNotFound(id)), true);
	}

	/** A state named by the caller: an unknown one is the caller's mistake (400), not a stored-data bug. */
	private static JobState state(String value) {
		try {
			return JobState.of(value);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequest(ex.getMessage());
		}
	}

}
