package dev.storefront.order;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
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

	/** How many unpaid orders a user holds. */
	long countByUserIdAndStatus(long userId, OrderStatus status);

	/**
	 * Serialises placements of one user until the transaction ends, so that the count of PENDING orders
	 * cannot be passed by two concurrent placements. A transaction-scoped advisory lock: nothing to release.
	 */
	@Query(value = "select 1 from (select pg_advisory_xact_lock(hashtextextended('sf:order:pending:' || :userId, 0))) l",
			nativeQuery = true)
	int lockPlacementsOf(long userId);

	/**
	 * Up to {@code limit} PENDING orders created before {@code cutoff}, locked for this transaction. Rows
	 * another transaction holds (a payment, a cancel, another sweeper) are skipped, not waited for.
	 */
	@Query(value = """
			select id from orders where status = 'PENDING' and created_at < :cutoff
			order by created_at limit :limit for update skip locked""", nativeQuery = true)
	List<Long> lockExpired(Instant cutoff, int limit);

}
