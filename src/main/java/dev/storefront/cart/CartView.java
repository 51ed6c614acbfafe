package dev.storefront.cart;

import java.math.BigDecimal;
import java.util.List;

/**
 * A cart joined with current product data.
 *
 * @param lines one line per product, in product id order
 * @param itemCount the sum of the quantities
 * @param total the sum of the line totals of available lines; null when their currencies differ
 * @param currency the currency of {@code total}
 * @param orderable whether every line can be ordered as it stands
 */
record CartView(List<Line> lines, int itemCount, BigDecimal total, String currency, boolean orderable) {

	/**
	 * One cart line. Product fields are null when the product is gone.
	 *
	 * @param issue why this line cannot be ordered as it stands, or null
	 */
	@io.swagger.v3.oas.annotations.media.Schema(name = "CartLine")
	record Line(long productId, int quantity, String name, String slug, BigDecimal unitPrice, String currency,
			BigDecimal lineTotal, Integer inStock, Issue issue) {
	}

	/**
	 * What is wrong with a line.
	 */
	enum Issue {

		/** The product was deleted since it was added. */
		PRODUCT_GONE,

		/** Fewer units are in stock than the line asks for. */
		INSUFFICIENT_STOCK

	}

}
