package dev.storefront.jobs;

/**
 * The job a handler is running, and what the handler may tell about it while it runs.
 */
public interface JobContext {

	String id();

	String queue();

	String name();

	/** The payload as JSON. */
	String data();

	/** The payload read as {@code type}. */
	<T> T data(Class<T> type);

	/** How many attempts ended before this one. */
	int attemptsMade();

	/** The user who created the job, or {@code null}. */
	Long owner();

	/** Records progress (0..100) and publishes a {@code progress} event. */
	void progress(int percent);

	/** Appends a line to the job's log. */
	void log(String line);

}
