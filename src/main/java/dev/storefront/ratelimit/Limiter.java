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

}
