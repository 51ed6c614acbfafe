package dev.storefront.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dev.storefront.persistence.AuditedEntity;

@Entity
@Table(name = "categories")
class CategoryEntity extends AuditedEntity {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String name;

	private String slug;

	private String description;

	protected CategoryEntity() {
	}

	CategoryEntity(String name, String slug, String description) {
		this.name = name;
		this.slug = slug;
		this.description = description;
	}

	void update(String name, String slug, String description) {
		this.name = name;
		this.slug = slug;
		this.description = description;
	}

	Category toCategory() {
		return new Category(id, name, slug, description, version());
	}

	Long getId() {
		return id;
	}

}
