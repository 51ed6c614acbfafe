package dev.storefront.ratelimit;

/**
 * One algorithm bound to one policy: counts a request for a subject and decides.
 */
interface Limiter {

	/**
	 * Counts one request of {@code subject}. Refused requests are not counted.
	 * @throws RuntimeException when Redis cannot be asked; the caller applies the policy's failure mode
	 */
	Decision acquire(String subject);

	/**
	 * Takes back the request an allowed {@code decision} counted, for policies that count only some outcomes
	 * ({@code counted-statuses}). Only the sliding log can.
	 * @throws RuntimeException when Redis cannot be asked
	 */
	default void giveBack(String subject, Decision decision) {
		throw new UnsupportedOperationException("Only a sliding log gives back a counted request");
	}

}
