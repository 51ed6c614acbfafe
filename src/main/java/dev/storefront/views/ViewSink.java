package dev.storefront.views;

/**
 * Where flushed view counts go: the products table ({@code ProductViews#add}); tests inject failures here.
 */
@FunctionalInterface
interface ViewSink {

	/** Adds {@code views} to the product's persisted count. */
	void add(long productId, long views);

}
