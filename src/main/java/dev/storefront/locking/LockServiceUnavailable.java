package dev.storefront.locking;

import org.springframework.http.HttpStatus;

import dev.storefront.web.DomainException;

/**
 * Redis could not be reached to take or check a lock. Callers fail fast with 503 rather than run
 * unlocked: the database guard would keep them correct, but the lock is what keeps load sane.
 */
public class LockServiceUnavailable extends DomainException {

	LockServiceUnavailable(String resource, Throwable cause) {
		super(HttpStatus.SERVICE_UNAVAILABLE, "lock-service-unavailable",
				"The lock service is unavailable, so " + resource + " cannot be changed right now; retry later", cause);
		getHeaders().set("Retry-After", "5");
	}

}
