package dev.storefront.jobs;

/**
 * Runs the jobs of one queue. A bean of this type gets a worker when
 * {@code storefront.jobs.queues.<queue>.worker.enabled} is true (the default).
 * <p>
 * Handlers must be idempotent: a job whose worker dies mid-way runs again elsewhere (at-least-once).
 */
public interface JobHandler {

	/** The queue whose jobs this handler runs. */
	String queue();

	/**
	 * Runs one attempt of a job. Returning completes it (the value is stored as JSON); throwing fails
	 * the attempt, which is retried with backoff until the job's attempts are spent, except for
	 * {@link UnrecoverableJobException}. The thread is interrupted when the worker's timeout passes.
	 */
	Object process(JobContext job) throws Exception;

}
