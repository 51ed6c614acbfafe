package dev.storefront.support;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Creates categories and products through the admin API, each with unique names, for tests that
 * need something to sell.
 */
public final class ProductFixtures {

	private final Api api;

	private final Api.Session admin;

	private Long categoryId;

	public ProductFixtures(Api api) {
		this.api = api;
		this.admin = api.admin();
	}

	/** A new product with the given price and stock; returns its id. */
	public long product(String price, int stock) {
		String unique = UUID.randomUUID().toString().substring(0, 8);
		Map<String, Object> body = new HashMap<>();
		body.put("sku", "SKU-" + unique);
		body.put("name", "Product " + unique);
		body.put("price", new BigDecimal(price));
		body.put("stock", stock);
		body.put("categoryId", category());
		return api.post("/api/products", body).as(admin).send().expect(201).json().get("id").asLong();
	}

	public void delete(long productId) {
		api.delete("/api/products/" + productId).as(admin).send().expect(204);
	}

	public int stock(long productId) {
		return api.get("/api/products/" + productId).send().expect(200).json().get("stock").asInt();
	}

	public Api.Session admin() {
		return admin;
	}

	private long category() {
		if (categoryId == null) {
			categoryId = api.post("/api/categories", Map.of("name", "Category " + UUID.randomUUID()))
				.as(admin).send().expect(201).json().get("id").asLong();
		}
		return categoryId;
	}

}
