package dev.storefront.catalog;

import org.springframework.http.HttpStatus;

import dev.storefront.web.DomainException;

/**
 * An {@code If-Match} precondition named a version that is no longer current.
 */
class StaleProductVersion extends DomainException {

	StaleProductVersion(long id, String currentEtag) {
		super(HttpStatus.PRECONDITION_FAILED, "stale-version",
				"Product " + id + " has changed; its current ETag is " + currentEtag);
		with("currentEtag", currentEtag);
	}

}
