package dev.storefront.catalog;

import java.math.BigDecimal;
import java.time.Instant;

import dev.storefront.cache.Versioned;

/**
 * A product as the API shows it; {@code price} always has two decimal places. Its {@code version} keeps a
 * slow cache load from overwriting a newer write-through.
 */
public record Product(Long id, String sku, String slug, String name, String description, BigDecimal price,
		String currency, int stock, long categoryId, Instant createdAt, Instant updatedAt, long version)
		implements Versioned {

	/** The strong entity tag of this representation. */
	public String etag() {
		return "\"" + id + "-" + version + "\"";
	}

}
