package dev.storefront.catalog;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface Products extends JpaRepository<ProductEntity, Long>, JpaSpecificationExecutor<ProductEntity> {

	Optional<ProductEntity> findBySlug(String slug);

	List<ProductEntity> findAllByIdIn(Collection<Long> ids);

	/**
	 * Moves stock by {@code delta} only if the result stays at or above zero: the database, not the
	 * application, guards the invariant, whatever the concurrency.
	 * @return 1 if applied, 0 if the product is missing or short
	 */
	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query(value = """
			update products set stock = stock + :delta, version = version + 1, updated_at = now()
			where id = :id and deleted_at is null and stock + :delta >= 0""", nativeQuery = true)
	int adjustStock(long id, int delta);

	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query(value = "update products set stock = stock + :quantity, version = version + 1, updated_at = now() where id = :id", nativeQuery = true)
	int restock(long id, int quantity);

	@Query(value = "select stock from products where id = :id and deleted_at is null", nativeQuery = true)
	Optional<Integer> findStock(long id);

}
