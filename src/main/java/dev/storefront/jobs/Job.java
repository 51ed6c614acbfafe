package dev.storefront.jobs;

import java.time.Instant;

/**
 * A job as {@link Queues} and the API show it.
 *
 * @param id the id within its queue
 * @param queue the queue's name
 * @param name what the job does, e.g. {@code order-confirmed}
 * @param data the payload as JSON
 * @param state where the job is now
 * @param progress 0..100, as reported by the handler
 * @param attemptsMade attempts that ended (completed or failed)
 * @param attempts how many attempts the job may make
 * @param failedReason why the last attempt failed, or {@code null}
 * @param result what the handler returned, as JSON, or {@code null}
 * @param owner the user who created the job, or {@code null}
 * @param createdAt when it was added
 * @param processedAt when its latest attempt started, or {@code null}
 * @param finishedAt when it completed or finally failed, or {@code null}
 */
public record Job(String id, String queue, String name, String data, JobState state, int progress, int attemptsMade,
		int attempts, String failedReason, String result, Long owner, Instant createdAt, Instant processedAt,
		Instant finishedAt) {

	/** The id across queues, as {@code GET /api/jobs/{id}} takes it: {@code <queue>:<id>}. */
	public String globalId() {
		return queue + ":" + id;
	}

}
