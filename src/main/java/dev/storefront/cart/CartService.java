package dev.storefront.cart;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;

import dev.storefront.catalog.Product;
import dev.storefront.catalog.ProductService;

/**
 * Cart reads and edits. Prices and names are never stored in the cart: every read joins the current
 * product data, so a cart never shows a stale price.
 */
@Service
class CartService {

	private final Carts carts;

	private final ProductService products;

	CartService(Carts carts, ProductService products) {
		this.carts = carts;
		this.products = products;
	}

	CartView view(long userId) {
		return join(carts.read(userId));
	}

	/** Sets a line's quantity; the product must exist now (stock is checked at ordering, and flagged on reads). */
	CartView put(long userId, long productId, int quantity) {
		products.find(productId);
		carts.put(userId, productId, quantity);
		return view(userId);
	}

	CartView remove(long userId, long productId) {
		carts.remove(userId, productId);
		return view(userId);
	}

	void clear(long userId) {
		carts.clear(userId);
	}

	private CartView join(CartSnapshot snapshot) {
		Map<Long, Product> found = products.findAll(snapshot.lines().keySet()).stream()
			.collect(Collectors.toMap(Product::id, Function.identity()));
		List<CartView.Line> lines = new ArrayList<>();
		int itemCount = 0;
		BigDecimal total = BigDecimal.ZERO.setScale(2);
		boolean orderable = !snapshot.isEmpty();
		List<String> currencies = new ArrayList<>();
		for (Map.Entry<Long, Integer> entry : snapshot.lines().entrySet()) {
			long productId = entry.getKey();
			int quantity = entry.getValue();
			itemCount += quantity;
			Product product = found.get(productId);
			if (product == null) {
				lines.add(new CartView.Line(productId, quantity, null, null, null, null, null, null,
						CartView.Issue.PRODUCT_GONE));
				orderable = false;
				continue;
			}
			BigDecimal lineTotal = product.price().multiply(BigDecimal.valueOf(quantity));
			CartView.Issue issue = product.stock() < quantity ? CartView.Issue.INSUFFICIENT_STOCK : null;
			orderable &= issue == null;
			total = total.add(lineTotal);
			currencies.add(product.currency());
			lines.add(new CartView.Line(productId, quantity, product.name(), product.slug(), product.price(),
					product.currency(), lineTotal, product.stock(), issue));
		}
		boolean oneCurrency = currencies.stream().distinct().count() <= 1;
		String currency = currencies.isEmpty() ? null : currencies.get(0);
		return new CartView(lines, itemCount, oneCurrency ? total : null, oneCurrency ? currency : null,
				orderable && oneCurrency && currencies.stream().allMatch(Objects::nonNull));
	}

}
