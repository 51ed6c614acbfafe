package dev.storefront.cache;

/** A cached value type for the contract tests. */
public record Thing(long id, String name) {
}
