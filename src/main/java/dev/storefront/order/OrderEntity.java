package dev.storefront.order;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import dev.storefront.persistence.AuditedEntity;

@Entity
@Table(name = "orders")
class OrderEntity extends AuditedEntity {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "user_id")
	private long userId;

	@Enumerated(EnumType.STRING)
	private OrderStatus status;

	private BigDecimal total;

	private String currency;

	@Column(name = "idempotency_key")
	private String idempotencyKey;

	@Column(name = "request_fingerprint")
	private String requestFingerprint;

	@OneToMany(cascade = CascadeType.ALL, orphanRemoval = true, fetch = FetchType.EAGER)
	@JoinColumn(name = "order_id", nullable = false)
	@OrderBy("position")
	private List<OrderItemEntity> items = new ArrayList<>();

	protected OrderEntity() {
	}

	OrderEntity(long userId, String idempotencyKey, String requestFingerprint) {
		this.userId = userId;
		this.status = OrderStatus.PENDING;
		this.total = BigDecimal.ZERO.setScale(2);
		this.currency = "EUR";
		this.idempotencyKey = idempotencyKey;
		this.requestFingerprint = requestFingerprint;
	}

	void addItem(long productId, int quantity, BigDecimal unitPrice, String currency, int position) {
		if (items.isEmpty()) {
			this.currency = currency;
		}
		else if (!this.currency.equals(currency)) {
			throw new MixedCurrencies();
		}
		items.add(new OrderItemEntity(productId, quantity, unitPrice, position));
		total = total.add(unitPrice.multiply(BigDecimal.valueOf(quantity)));
	}

	Long getId() {
		return id;
	}

	long getUserId() {
		return userId;
	}

	String getRequestFingerprint() {
		return requestFingerprint;
	}

	Order toOrder() {
		return new Order(id, status, items.stream().map(OrderItemEntity::toLine).toList(), total, currency, createdAt(),
				updatedAt());
	}

}
