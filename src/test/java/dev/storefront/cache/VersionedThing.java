package dev.storefront.cache;

/** A cached value type that carries its entity version, like a product. */
public record VersionedThing(long id, String name, long version) implements Versioned {
}
