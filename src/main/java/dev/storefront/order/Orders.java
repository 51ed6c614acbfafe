package dev.storefront.order;

import java.util.Collection;
import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface Orders extends JpaRepository<OrderEntity, Long> {

	Optional<OrderEntity> findByUserIdAndIdempotencyKey(long userId, String idempotencyKey);

	Page<OrderEntity> findByUserIdOrderByCreatedAtDescIdDesc(long userId, Pageable pageable);

	/**
	 * Moves an order to {@code to} only if it is still in one of {@code from}. This conditional update
	 * is the source of truth for transitions: two racing calls cannot both succeed, lock or no lock.
	 * @return 1 if moved, 0 if the order was not in an allowed status
	 */
	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("""
			update OrderEntity o set o.status = :to, o.version = o.version + 1, o.updatedAt = CURRENT_TIMESTAMP
			where o.id = :id and o.status in :from""")
	int transition(long id, Collection<OrderStatus> from, OrderStatus to);

}
