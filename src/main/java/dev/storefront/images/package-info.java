/**
 * Product images: upload with type and size guards, resizing into a 200 px thumbnail and an 800 px
 * medium image on the {@code images} job queue (EXIF orientation honoured, metadata stripped), storage
 * in PostgreSQL, and immutable, cacheable serving. Catalog shows them through its
 * {@link dev.storefront.catalog.ProductImages} hook.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "jobs", "catalog", "web", "user" })
package dev.storefront.images;
