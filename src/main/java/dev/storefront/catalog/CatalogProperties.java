package dev.storefront.catalog;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Catalog settings.
 *
 * @param demo demo data seeded into an empty catalog at startup
 */
@ConfigurationProperties("storefront.catalog")
record CatalogProperties(@DefaultValue Demo demo) {

	/**
	 * @param products how many demo products to seed into an empty catalog; 0 (the default) seeds nothing
	 * @param seed seed of the generator, so two runs produce the same catalog
	 */
	record Demo(@DefaultValue("0") int products, @DefaultValue("42") long seed) {
	}

}
