package dev.storefront.locking;

import org.springframework.http.HttpStatus;

import dev.storefront.web.DomainException;

/**
 * Another caller held the lock for longer than this caller was willing to wait.
 */
public class LockBusy extends DomainException {

	LockBusy(String resource) {
		super(HttpStatus.CONFLICT, "resource-busy",
				"Another request is working on " + resource + "; retry in a moment");
		getHeaders().set("Retry-After", "1");
	}

}
