package dev.storefront.catalog;

import java.util.List;

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

	CategoryService(Categories categories) {
		this.categories = categories;
	}

	public List<Category> findAll() {
		return categories.findAllByOrderByNameAsc().stream().map(CategoryEntity::toCategory).toList();
	}

	public Category find(long id) {
		return categories.findById(id).map(CategoryEntity::toCategory).orElseThrow(() -> new CategoryNotFound(id));
	}

	@Transactional
	Category create(CategoryRequest request) {
		return save(new CategoryEntity(request.name(), slugOf(request), request.description())).toCategory();
	}

	@Transactional
	Category update(long id, CategoryRequest request) {
		CategoryEntity entity = categories.findById(id).orElseThrow(() -> new CategoryNotFound(id));
		entity.update(request.name(), slugOf(request), request.description());
		return save(entity).toCategory();
	}

	@Transactional
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
