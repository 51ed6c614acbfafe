package dev.storefront.web;

import java.io.IOException;

/**
 * Thrown while reading a request body that grows past the configured limit.
 */
class PayloadTooLarge extends IOException {

	PayloadTooLarge(long limit) {
		super("Request body exceeds " + limit + " bytes");
	}

}
