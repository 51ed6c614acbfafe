package dev.storefront.catalog;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface Categories extends JpaRepository<CategoryEntity, Long> {

	List<CategoryEntity> findAllByOrderByNameAsc();

	boolean existsBySlug(String slug);

	/** Counts every product row, soft-deleted ones too, because the foreign key still points here. */
	@Query(value = "select count(*) from products where category_id = :id", nativeQuery = true)
	long countProductRows(long id);

}
