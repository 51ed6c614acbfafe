package dev.storefront.catalog;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A product as the API shows it; {@code price} always has two decimal places.
 */
public record Product(Long id, String sku, String slug, String name, String description, BigDecimal price,
		String currency, int stock, long categoryId, Instant createdAt, Instant updatedAt, long version) {

	/** The strong entity tag of this representation. */
	public String etag() {
		return "\"" + id + "-" + version + "\"";
	}

}
