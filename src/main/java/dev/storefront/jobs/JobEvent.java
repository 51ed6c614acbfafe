package dev.storefront.jobs;

/**
 * A job event received from a queue's pub/sub channel, republished on every instance as a Spring
 * application event, so a notifications capability can show users their own jobs' progress.
 *
 * @param queue the queue
 * @param jobId the job's id within the queue
 * @param event {@code completed}, {@code failed}, {@code retrying}, {@code progress} or {@code stalled}
 * @param owner the user who created the job, or {@code null}
 * @param progress the progress for {@code progress} events, else {@code null}
 * @param failedReason the reason for {@code failed} events, else {@code null}
 */
public record JobEvent(String queue, String jobId, String event, Long owner, Integer progress, String failedReason) {
}
