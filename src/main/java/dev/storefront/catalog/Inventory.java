package dev.storefront.catalog;

import java.math.BigDecimal;

import org.springframework.cache.annotation.CacheEvict;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Takes and returns stock for orders (placement, cancel, expiry). Each call joins the caller's
 * transaction, so an order that fails part-way gives back everything it took. Once that transaction
 * commits, the cached product is evicted (the cache manager is transaction-aware) and so are the
 * listings that show it (its category's and the unfiltered ones), since they show its stock.
 */
@Service
@Transactional(propagation = Propagation.MANDATORY)
public class Inventory {

	private final Products products;

	private final StockWatch stockWatch;

	private final CatalogCaches caches;

	Inventory(Products products, StockWatch stockWatch, CatalogCaches caches) {
		this.products = products;
		this.stockWatch = stockWatch;
		this.caches = caches;
	}

	/**
	 * Takes {@code quantity} units with one guarded update and returns the unit price to charge.
	 * @throws InsufficientStock if fewer units are left
	 * @throws ProductNotFound if the product is gone
	 */
	@CacheEvict(cacheNames = CatalogCaches.PRODUCT, key = "#productId")
	public Reservation take(long productId, int quantity) {
		if (products.adjustStock(productId, -quantity) == 0) {
			int available = products.findStock(productId).orElseThrow(() -> new ProductNotFound(productId));
			throw new InsufficientStock(productId, quantity, available);
		}
		ProductEntity product = products.findById(productId).orElseThrow(() -> new ProductNotFound(productId));
		Product view = product.toProduct();
		stockWatch.changed(productId, view.stock() + quantity, view.stock());
		caches.listingsChangedAfterCommit(view.categoryId());
		return new Reservation(productId, quantity, view.price(), view.currency());
	}

	/**
	 * Returns stock, e.g. when an order is cancelled. A product deleted since is still restocked,
	 * so that an undelete would find the right count.
	 */
	@CacheEvict(cacheNames = CatalogCaches.PRODUCT, key = "#productId")
	public void giveBack(long productId, int quantity) {
		products.restock(productId, quantity);
		// A deleted product is in no listing, and nobody is told it is back.
		products.findById(productId).ifPresent(product -> {
			caches.listingsChangedAfterCommit(product.getCategoryId());
			int after = product.toProduct().stock();
			stockWatch.changed(productId, after - quantity, after);
		});
	}

	/**
	 * Stock taken for one order line, with the price at that moment.
	 */
	public record Reservation(long productId, int quantity, BigDecimal unitPrice, String currency) {
	}

}
