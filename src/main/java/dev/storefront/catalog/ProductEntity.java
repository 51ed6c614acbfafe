package dev.storefront.catalog;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.SQLRestriction;

import dev.storefront.persistence.AuditedEntity;

/**
 * A product row. Soft-deleted rows ({@code deleted_at} set) are invisible to every query.
 */
@Entity
@Table(name = "products")
@SQLRestriction("deleted_at is null")
class ProductEntity extends AuditedEntity {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String sku;

	private String slug;

	private String name;

	private String description;

	private BigDecimal price;

	private String currency;

	private int stock;

	@Column(name = "category_id")
	private long categoryId;

	@Column(name = "deleted_at")
	private Instant deletedAt;

	protected ProductEntity() {
	}

	ProductEntity(String sku, String slug, String name, String description, BigDecimal price, String currency,
			int stock, long categoryId) {
		this.sku = sku;
		this.slug = slug;
		this.name = name;
		this.description = description;
		this.price = price;
		this.currency = currency;
		this.stock = stock;
		this.categoryId = categoryId;
	}

	void update(String sku, String slug, String name, String description, BigDecimal price, String currency,
			int stock, long categoryId) {
		this.sku = sku;
		this.slug = slug;
		this.name = name;
		this.description = description;
		this.price = price;
		this.currency = currency;
		this.stock = stock;
		this.categoryId = categoryId;
	}

	/** Marks the row changed (new version and update time) when something shown with it changed. */
	void touch() {
		markChanged();
	}

	void markDeleted() {
		this.deletedAt = AuditedEntity.now();
	}

	long getVersion() {
		return version();
	}

	long getCategoryId() {
		return categoryId;
	}

	Product toProduct() {
		return new Product(id, sku, slug, name, description, price, currency, stock, categoryId, createdAt(), updatedAt(),
				version());
	}

}
