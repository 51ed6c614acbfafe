package dev.storefront.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.SQLRestriction;

/**
 * A product row. Soft-deleted rows ({@code deleted_at} set) are invisible to every query.
 */
@Entity
@Table(name = "products")
@SQLRestriction("deleted_at is null")
class ProductEntity {

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

	@Column(name = "created_at")
	private Instant createdAt;

	@Column(name = "updated_at")
	private Instant updatedAt;

	@Column(name = "deleted_at")
	private Instant deletedAt;

	@Version
	private long version;

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

	@PrePersist
	void onCreate() {
		createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS); // PostgreSQL keeps microseconds
		updatedAt = createdAt;
	}

	@PreUpdate
	void onUpdate() {
		updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS); // PostgreSQL keeps microseconds
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
		updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
	}

	void markDeleted() {
		this.deletedAt = Instant.now().truncatedTo(ChronoUnit.MICROS); // PostgreSQL keeps microseconds
	}

	long getVersion() {
		return version;
	}

	long getCategoryId() {
		return categoryId;
	}

	Product toProduct() {
		return new Product(id, sku, slug, name, description, price, currency, stock, categoryId, createdAt, updatedAt,
				version);
	}

}
