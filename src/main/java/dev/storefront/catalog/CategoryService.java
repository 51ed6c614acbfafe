package dev.storefront.catalog;

import java.util.List;

import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.CachePut;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.Caching;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads and writes categories.
 */
@Service
@Transactional(readOnly = true)
public class CategoryService {

	private final Categories categories;

	private final CatalogCaches caches;

	CategoryService(Categories categories, CatalogCaches caches) {
		this.categories = categories;
		this.caches = caches;
	}

	@Cacheable(cacheNames = CatalogCaches.CATEGORIES, key = "'all'", sync = true)
	public List<Category> findAll() {
		return categories.findAllByOrderByNameAsc().stream().map(CategoryEntity::toCategory).toList();
	}

	@Cacheable(cacheNames = CatalogCaches.CATEGORY, key = "#id", sync = true)
	public Category find(long id) {
		return categories.findById(id).map(CategoryEntity::toCategory).orElseThrow(() -> new CategoryNotFound(id));
	}

	@Transactional
	@CacheEvict(cacheNames = CatalogCaches.CATEGORIES, key = "'all'")
	Category create(CategoryRequest request) {
		return save(new CategoryEntity(request.name(), slugOf(request), request.description())).toCategory();
	}

	@Transactional
	@Caching(evict = @CacheEvict(cacheNames = CatalogCaches.CATEGORIES, key = "'all'"),
			put = @CachePut(cacheNames = CatalogCaches.CATEGORY, key = "#id"))
	Category update(long id, CategoryRequest request) {
		CategoryEntity entity = categories.findById(id).orElseThrow(() -> new CategoryNotFound(id));
		caches.listingsChangedAfterCommit(id);
		entity.update(request.name(), slugOf(request), request.description());
		return save(entity).toCategory();
	}

	@Transactional
	@Caching(evict = { @CacheEvict(cacheNames = CatalogCaches.CATEGORIES, key = "'all'"),
			@CacheEvict(cacheNames = CatalogCaches.CATEGORY, key = "#id") })
	void delete(long id) {
		CategoryEntity entity = categories.findById(id).orElseThrow(() -> new CategoryNotFound(id));
		long products = categories.countProductRows(id);
		if (products > 0) {
			throw new CategoryInUse(id, products);
		}
		categories.delete(entity);
	}

	private CategoryEntity save(CategoryEntity entity) {
		try {
			return categories.saveAndFlush(entity);
		}
		catch (DataIntegrityViolationException ex) {
			throw new DuplicateCatalogEntry("Category slug");
		}
	}

	private static String slugOf(CategoryRequest request) {
		return request.slug() != null ? request.slug() : Slugs.of(request.name());
	}

}
