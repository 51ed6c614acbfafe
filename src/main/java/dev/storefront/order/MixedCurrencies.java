package dev.storefront.order;

import org.springframework.http.HttpStatus;

import dev.storefront.web.DomainException;

/**
 * The products of one order are priced in different currencies; an order has one total in one currency.
 */
class MixedCurrencies extends DomainException {

	MixedCurrencies() {
		super(HttpStatus.BAD_REQUEST, "mixed-currencies", "All items of an order must share one currency");
	}

}
