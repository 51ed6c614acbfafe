package dev.storefront.catalog;

import org.springframework.http.HttpStatus;

import dev.storefront.web.DomainException;

/**
 * Taking the requested quantity would drive a product's stock below zero.
 */
public class InsufficientStock extends DomainException {

	private final long productId;

	InsufficientStock(long productId, int requested, int available) {
		super(HttpStatus.CONFLICT, "insufficient-stock", "Product " + productId + " has " + available
				+ " unit(s) in stock; " + requested + " requested");
		this.productId = productId;
		with("productId", productId);
		with("available", available);
	}

	public long productId() {
		return productId;
	}

}
