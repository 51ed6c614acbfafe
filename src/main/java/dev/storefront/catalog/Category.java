package dev.storefront.catalog;

/**
 * A product category as the API shows it.
 */
public record Category(Long id, String name, String slug, String description, long version) {
}
