package dev.storefront.catalog;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.cache.annotation.CacheEvict;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.cache.annotation.CachePut;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.storefront.cache.BatchCache;
import dev.storefront.cache.TagCache;
import dev.storefront.web.PageResponse;
import dev.storefront.web.InvalidRequest;

/**
 * Reads and writes products. Reads are public: other modules (cart, cache) use them; writes go
 * through the HTTP API only.
 */
@Service
@Transactional(readOnly = true)
public class ProductService {

	/** The most ids one batch read accepts. */
	public static final int MAX_BATCH = 100;

	private final Products products;

	private final Categories categories;

	private final CachedProducts cached;

	private final TagCache tagCache;

	private final BatchCache batchCache;

	private final CatalogCaches caches;

	private final StockWatch stockWatch;

	private final ApplicationEventPublisher events;

	private final CatalogImages images;

	ProductService(Products products, Categories categories, CachedProducts cached, TagCache tagCache,
			BatchCache batchCache, CatalogCaches caches, StockWatch stockWatch, ApplicationEventPublisher events,
			CatalogImages images) {
		this.images = images;
		this.products = products;
		this.categories = categories;
		this.cached = cached;
		this.tagCache = tagCache;
		this.batchCache = batchCache;
		this.caches = caches;
		this.stockWatch = stockWatch;
		this.events = events;
	}

	/** Served from the cache; no transaction is opened on a hit. */
	@Transactional(propagation = Propagation.SUPPORTS)
	public Product find(long id) {
		return cached.find(id).orElseThrow(() -> new ProductNotFound(id));
	}

	public Product findBySlug(String slug) {
		return products.findBySlug(slug).map(ProductEntity::toProduct).map(images::decorate)
			.orElseThrow(() -> new ProductNotFound(slug));
	}

	/**
	 * The live products among {@code ids}, in the order asked for; unknown ids are left out.
	 */
	@Transactional(propagation = Propagation.SUPPORTS)
	public List<Product> findAll(Collection<Long> ids) {
		if (ids.size() > MAX_BATCH) {
			throw new InvalidRequest("at most " + MAX_BATCH + " ids per batch");
		}
		LinkedHashSet<Long> ordered = new LinkedHashSet<>(ids);
		Map<Long, Product> found = batchCache.getAll(CatalogCaches.PRODUCT, ordered, this::load);
		return ordered.stream().map(found::get).filter(p -> p != null).toList();
	}

	/** One query for everything the cache does not hold. */
	private Map<Long, Product> load(Collection<Long> ids) {
		// Batch reads fill the same cache entries as single reads: they carry all the images too.
		return images.decorateAll(products.findAllByIdIn(ids).stream().map(ProductEntity::toProduct).toList())
			.stream()
			.collect(Collectors.toMap(Product::id, Function.identity()));
	}

	/**
	 * Listing pages are cached with the tags {@code products} and {@code category:{id}}; each product
	 * carries its primary image, so {@link #imagesChanged} invalidates the listings too.
	 */
	@Transactional(propagation = Propagation.SUPPORTS)
	public PageResponse<Product> list(ProductQuery query) {
		return tagCache.get(CatalogCaches.LISTING, CatalogCaches.listingKey(query), CatalogCaches.listingTags(query),
				() -> {
					PageResponse<Product> page = PageResponse.of(
							products.findAll(ProductSpecifications.matching(query), query.toPageRequest()),
							ProductEntity::toProduct);
					return new PageResponse<>(images.withPrimaryImages(page.content()), page.page());
				});
	}

	@Transactional
	@CachePut(cacheNames = CatalogCaches.PRODUCT, key = "#result.id")
	Product create(ProductRequest request) {
		requireCategory(request.categoryId());
		ProductEntity entity = new ProductEntity(request.sku(), slugOf(request), request.name(), request.description(),
				money(request.price()), currency(request), request.stock(), request.categoryId());
		caches.listingsChangedAfterCommit(request.categoryId());
		return save(entity).toProduct();
	}

	@Transactional
	@CachePut(cacheNames = CatalogCaches.PRODUCT, key = "#id")
	Product update(long id, ProductRequest request, String ifMatch) {
		ProductEntity entity = products.findById(id).orElseThrow(() -> new ProductNotFound(id));
		Product current = entity.toProduct();
		caches.listingsChangedAfterCommit(current.categoryId(), request.categoryId());
		if (!ETags.matchesVersion(ifMatch, current.etag())) {
			throw new StaleProductVersion(id, current.etag());
		}
		requireCategory(request.categoryId());
		entity.update(request.sku(), slugOf(request), request.name(), request.description(), money(request.price()),
				currency(request), request.stock(), request.categoryId());
		Product updated = save(entity).toProduct();
		if (updated.price().compareTo(current.price()) != 0) {
			events.publishEvent(ProductPriceChanged.of(id, current.price(), updated.price()));
		}
		stockWatch.changed(id, current.stock(), updated.stock());
		return images.decorate(updated);
	}

	@Transactional
	@CachePut(cacheNames = CatalogCaches.PRODUCT, key = "#id")
	Product adjustStock(long id, int delta) {
		if (products.adjustStock(id, delta) == 0) {
			int available = products.findStock(id).orElseThrow(() -> new ProductNotFound(id));
			throw new InsufficientStock(id, -delta, available);
		}
		// Straight from the database: the cached copy is the one being replaced.
		Product updated = products.findById(id).map(ProductEntity::toProduct).orElseThrow(() -> new ProductNotFound(id));
		caches.listingsChangedAfterCommit(updated.categoryId());
		stockWatch.changed(id, updated.stock() - delta, updated.stock());
		return images.decorate(updated);
	}

	@Transactional
	@CacheEvict(cacheNames = CatalogCaches.PRODUCT, key = "#id")
	Product delete(long id) {
		ProductEntity entity = products.findById(id).orElseThrow(() -> new ProductNotFound(id));
		Product before = entity.toProduct();
		entity.markDeleted();
		caches.listingsChangedAfterCommit(before.categoryId());
		return before;
	}

	/**
	 * A product's images changed: a new version (so ETags change) and its cache entries evicted.
	 */
	@Transactional
	@CacheEvict(cacheNames = CatalogCaches.PRODUCT, key = "#id")
	public void imagesChanged(long id) {
		products.findById(id).ifPresent(entity -> {
			entity.touch();
			caches.listingsChangedAfterCommit(entity.toProduct().categoryId());
		});
	}

	private ProductEntity save(ProductEntity entity) {
		try {
			return products.saveAndFlush(entity);
		}
		catch (DataIntegrityViolationException ex) {
			throw new DuplicateCatalogEntry("SKU or slug");
		}
	}

	private void requireCategory(long categoryId) {
		if (!categories.existsById(categoryId)) {
			throw new InvalidRequest("categoryId " + categoryId + " does not exist");
		}
	}

	private static String slugOf(ProductRequest request) {
		return request.slug() != null ? request.slug() : Slugs.of(request.name() + "-" + request.sku());
	}

	private static String currency(ProductRequest request) {
		return request.currency() == null ? "EUR" : request.currency();
	}

	private static BigDecimal money(BigDecimal amount) {
		return amount.setScale(2, RoundingMode.UNNECESSARY);
	}

}
