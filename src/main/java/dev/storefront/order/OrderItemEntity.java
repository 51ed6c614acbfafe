package dev.storefront.order;

import java.math.BigDecimal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "order_items")
class OrderItemEntity {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "product_id")
	private long productId;

	private int quantity;

	@Column(name = "unit_price")
	private BigDecimal unitPrice;

	private int position;

	protected OrderItemEntity() {
	}

	OrderItemEntity(long productId, int quantity, BigDecimal unitPrice, int position) {
		this.productId = productId;
		this.quantity = quantity;
		this.unitPrice = unitPrice;
		this.position = position;
	}

	Order.Line toLine() {
		return new Order.Line(productId, quantity, unitPrice);
	}

}
