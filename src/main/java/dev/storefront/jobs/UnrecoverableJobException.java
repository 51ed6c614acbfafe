package dev.storefront.jobs;

/**
 * Thrown by a handler when retrying cannot help (bad payload, vanished entity): the job fails at once.
 */
public class UnrecoverableJobException extends RuntimeException {

	public UnrecoverableJobException(String message) {
		super(message);
	}

	public UnrecoverableJobException(String message, Throwable cause) {
		super(message, cause);
	}

}
