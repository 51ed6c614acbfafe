package dev.storefront.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import dev.storefront.cache.Versioned;

/**
 * A product as the API shows it; {@code price} always has two decimal places. Its {@code version} keeps a
 * slow cache load from overwriting a newer write-through. {@code images} are its processed images on
 * single-product reads (listings leave them empty).
 */
public record Product(Long id, String sku, String slug, String name, String description, BigDecimal price,
		String currency, int stock, long categoryId, Instant createdAt, Instant updatedAt, long version,
		List<Image> images) implements Versioned {

	public Product {
		images = images == null ? List.of() : List.copyOf(images);
	}

	public Product(Long id, String sku, String slug, String name, String description, BigDecimal price,
			String currency, int stock, long categoryId, Instant createdAt, Instant updatedAt, long version) {
		this(id, sku, slug, name, description, price, currency, stock, categoryId, createdAt, updatedAt, version,
				List.of());
	}

	Product withImages(List<Image> images) {
		return new Product(id, sku, slug, name, description, price, currency, stock, categoryId, createdAt, updatedAt,
				version, images);
	}

	/** The strong entity tag of this representation. */
	public String etag() {
		return "\"" + id + "-" + version + "\"";
	}

	/**
	 * A processed product image.
	 * @param id the image's id
	 * @param thumbUrl its 200 px variant
	 * @param mediumUrl its 800 px variant
	 */
	public record Image(long id, String thumbUrl, String mediumUrl) {
	}

}
