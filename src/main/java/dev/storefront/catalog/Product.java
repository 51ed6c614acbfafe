package dev.storefront.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.swagger.v3.oas.annotations.media.Schema;

import dev.storefront.cache.Versioned;

/**
 * A product as the API shows it; {@code price} always has two decimal places. Its {@code version} keeps a
 * slow cache load from overwriting a newer write-through. {@code images} are its processed images on
 * single-product reads (listings leave them empty). {@code wishlisted} is per caller: {@code null} (left
 * out of the JSON) in the shared caches and for anonymous callers, set per request after the cache read.
 */
public record Product(Long id, String sku, String slug, String name, String description, BigDecimal price,
		String currency, int stock, long categoryId, Instant createdAt, Instant updatedAt, long version,
		List<Image> images,
		@Schema(description = "Whether the product is on the signed-in caller's wishlist; absent for anonymous callers and while the wishlist store is unavailable")
		@JsonInclude(JsonInclude.Include.NON_NULL) Boolean wishlisted) implements Versioned {

	public Product {
		images = images == null ? List.of() : List.copyOf(images);
	}

	public Product(Long id, String sku, String slug, String name, String description, BigDecimal price,
			String currency, int stock, long categoryId, Instant createdAt, Instant updatedAt, long version) {
		this(id, sku, slug, name, description, price, currency, stock, categoryId, createdAt, updatedAt, version,
				List.of(), null);
	}

	Product withImages(List<Image> images) {
		return new Product(id, sku, slug, name, description, price, currency, stock, categoryId, createdAt, updatedAt,
				version, images, wishlisted);
	}

	/** This product as one caller sees it; {@code null} leaves the flag out. */
	public Product withWishlisted(Boolean wishlisted) {
		return new Product(id, sku, slug, name, description, price, currency, stock, categoryId, createdAt, updatedAt,
				version, images, wishlisted);
	}

	/**
	 * The strong entity tag of this representation. The per-caller flag is part of it ({@code -w1}/{@code -w0}),
	 * so a shared HTTP cache never answers one caller's conditional request with another caller's body.
	 */
	public String etag() {
		String flag = wishlisted == null ? "" : wishlisted ? "-w1" : "-w0";
		return "\"" + id + "-" + version + flag + "\"";
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
