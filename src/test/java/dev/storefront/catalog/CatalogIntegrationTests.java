package dev.storefront.catalog;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.storefront.support.Api;
import dev.storefront.support.Api.Response;
import dev.storefront.support.Api.Session;
import dev.storefront.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class CatalogIntegrationTests {

	@Autowired
	Api api;

	Session admin;

	@BeforeEach
	void setUp() {
		admin = api.admin();
	}

	long newCategory(String name) {
		return api.post("/api/categories", Map.of("name", name + " " + UUID.randomUUID()))
			.as(admin)
			.send()
			.expect(201)
			.json()
			.get("id")
			.asLong();
	}

	Map<String, Object> product(long categoryId, String name, String price, int stock) {
		Map<String, Object> body = new HashMap<>();
		body.put("sku", "T-" + UUID.randomUUID());
		body.put("name", name);
		body.put("description", "A test product");
		body.put("price", new BigDecimal(price));
		body.put("stock", stock);
		body.put("categoryId", categoryId);
		return body;
	}

	JsonNode newProduct(long categoryId, String name, String price, int stock) {
		return api.post("/api/products", product(categoryId, name, price, stock)).as(admin).send().expect(201).json();
	}

	@Test
	void managesCategoriesAndRefusesToDeleteOneWithProducts() {
		long id = newCategory("Lamps");
		assertThat(api.get("/api/categories/" + id).send().expect(200).json().get("name").asString()).startsWith("Lamps");
		assertThat(api.get("/api/categories").send().expect(200).json().valueStream().map(c -> c.get("id").asLong()))
			.contains(id);
		api.put("/api/categories/" + id, Map.of("name", "Lights " + UUID.randomUUID())).as(admin).send().expect(200);

		JsonNode product = newProduct(id, "Desk Lamp", "19.90", 5);
		Response inUse = api.delete("/api/categories/" + id).as(admin).send().expect(409);
		assertThat(inUse.json().get("detail").asString()).contains("product");

		api.delete("/api/products/" + product.get("id").asLong()).as(admin).send().expect(204);
		long empty = newCategory("Empty");
		api.delete("/api/categories/" + empty).as(admin).send().expect(204);
		api.get("/api/categories/" + empty).send().expect(404);
	}

	@Test
	void createsAProductWithLocationEtagAndTwoDecimalPrice() {
		long category = newCategory("Mugs");
		Response created = api.post("/api/products", product(category, "Blue Mug", "7.5", 12)).as(admin).send().expect(201);
		JsonNode body = created.json();
		long id = body.get("id").asLong();
		assertThat(created.header("Location")).hasValue("/api/products/" + id);
		assertThat(created.body()).contains("\"price\":7.50");
		for (String field : List.of("id", "sku", "slug", "name", "description", "price", "currency", "stock",
				"categoryId", "createdAt", "updatedAt", "version")) {
			assertThat(body.has(field)).as(field).isTrue();
		}
		JsonNode bySlug = api.get("/api/products/slug/" + body.get("slug").asString()).send().expect(200).json();
		assertThat(bySlug.get("id").asLong()).isEqualTo(id);
	}

	@Test
	void conditionalGetAnswers304ForTheCurrentEtag() {
		long id = newProduct(newCategory("Pens"), "Ink Pen", "3.20", 4).get("id").asLong();
		Response first = api.get("/api/products/" + id).send().expect(200);
		String etag = first.header("ETag").orElseThrow();
		Response again = api.get("/api/products/" + id).header("If-None-Match", etag).send().expect(304);
		assertThat(again.body()).isEmpty();
		api.patch("/api/products/" + id + "/stock", Map.of("delta", 1)).as(admin).send().expect(200);
		api.get("/api/products/" + id).header("If-None-Match", etag).send().expect(200);
	}

	@Test
	void updateHonoursIfMatch() {
		long category = newCategory("Chairs");
		Response created = api.post("/api/products", product(category, "Oak Chair", "99.00", 3)).as(admin).send().expect(201);
		long id = created.json().get("id").asLong();
		String etag = created.header("ETag").orElseThrow();
		Map<String, Object> change = product(category, "Oak Chair v2", "89.00", 3);

		Response updated = api.put("/api/products/" + id, change).as(admin).header("If-Match", etag).send().expect(200);
		assertThat(updated.json().get("name").asString()).isEqualTo("Oak Chair v2");
		Response stale = api.put("/api/products/" + id, change).as(admin).header("If-Match", etag).send().expect(412);
		assertThat(stale.json().get("status").asInt()).isEqualTo(412);
	}

	@Test
	void stockNeverGoesBelowZero() {
		long id = newProduct(newCategory("Bags"), "Tote Bag", "12.00", 2).get("id").asLong();
		assertThat(api.patch("/api/products/" + id + "/stock", Map.of("delta", -2)).as(admin).send().expect(200).json()
			.get("stock").asInt()).isZero();
		Response refused = api.patch("/api/products/" + id + "/stock", Map.of("delta", -1)).as(admin).send().expect(409);
		assertThat(refused.json().has("productId")).as(refused.body()).isTrue();
		assertThat(refused.json().get("productId").asLong()).isEqualTo(id);
		assertThat(api.get("/api/products/" + id).send().json().get("stock").asInt()).isZero();
	}

	@Test
	void deleteIsSoftAndTheProductReadsAs404() {
		long id = newProduct(newCategory("Hats"), "Straw Hat", "15.00", 1).get("id").asLong();
		api.delete("/api/products/" + id).as(admin).send().expect(204);
		api.get("/api/products/" + id).send().expect(404);
		api.delete("/api/products/" + id).as(admin).send().expect(404);
	}

	@Test
	void listsFiltersSortsAndPages() {
		long category = newCategory("Teas");
		String tag = UUID.randomUUID().toString().substring(0, 8);
		newProduct(category, "Green Tea " + tag, "4.00", 10);
		newProduct(category, "Black TEA " + tag, "6.00", 10);
		newProduct(category, "Herbal tea " + tag, "8.00", 10);
		newProduct(category, "Coffee " + tag, "5.00", 10);

		JsonNode page = api.get("/api/products?category=" + category + "&q=TEA&sort=price,desc&size=2").send().expect(200).json();
		assertThat(page.get("page").get("totalElements").asLong()).isEqualTo(3);
		assertThat(page.get("page").get("totalPages").asInt()).isEqualTo(2);
		assertThat(page.get("page").get("size").asInt()).isEqualTo(2);
		assertThat(page.get("page").get("number").asInt()).isZero();
		assertThat(names(page)).containsExactly("Herbal tea " + tag, "Black TEA " + tag);

		JsonNode second = api.get("/api/products?category=" + category + "&q=tea&sort=price,desc&size=2&page=1").send().json();
		assertThat(names(second)).containsExactly("Green Tea " + tag);

		JsonNode priced = api.get("/api/products?category=" + category + "&minPrice=5&maxPrice=6").send().json();
		assertThat(names(priced)).containsExactly("Coffee " + tag, "Black TEA " + tag);
	}

	@Test
	void refusesBadListingParameters() {
		api.get("/api/products?size=101").send().expect(400);
		api.get("/api/products?size=0").send().expect(400);
		api.get("/api/products?page=-1").send().expect(400);
		api.get("/api/products?sort=stock,asc").send().expect(400);
		api.get("/api/products?sort=price,sideways").send().expect(400);
		api.get("/api/products?minPrice=abc").send().expect(400);
		api.get("/api/products?category=x").send().expect(400);
		api.get("/api/products?size=100").send().expect(200);
	}

	@Test
	void batchReturnsFoundProductsInRequestedOrder() {
		long category = newCategory("Socks");
		long a = newProduct(category, "Wool Socks", "9.00", 1).get("id").asLong();
		long b = newProduct(category, "Cotton Socks", "5.00", 1).get("id").asLong();
		JsonNode batch = api.get("/api/products/batch?ids=" + b + ",999999999," + a).send().expect(200).json();
		assertThat(batch.valueStream().map(p -> p.get("id").asLong())).containsExactly(b, a);

		List<String> tooMany = new ArrayList<>();
		for (int i = 1; i <= 101; i++) {
			tooMany.add(String.valueOf(i));
		}
		api.get("/api/products/batch?ids=" + String.join(",", tooMany)).send().expect(400);
		api.get("/api/products/batch?ids=1,x").send().expect(400);
	}

	@Test
	void catalogWritesNeedAdmin() {
		long category = newCategory("Admin only");
		Session user = api.newUser();
		api.post("/api/categories", Map.of("name", "Nope")).send().expect(401);
		api.post("/api/categories", Map.of("name", "Nope")).as(user).send().expect(403);
		api.post("/api/products", product(category, "Nope", "1.00", 1)).as(user).send().expect(403);
		api.patch("/api/products/1/stock", Map.of("delta", 1)).as(user).send().expect(403);
		api.delete("/api/categories/" + category).as(user).send().expect(403);
	}

	@Test
	void refusesInvalidProducts() {
		long category = newCategory("Invalid");
		Map<String, Object> negative = product(category, "Bad", "-1.00", 1);
		assertThat(api.post("/api/products", negative).as(admin).send().expect(400).json().get("errors").toString())
			.contains("price");
		api.post("/api/products", product(category, "Bad", "1.001", 1)).as(admin).send().expect(400);
		api.post("/api/products", product(987654321L, "Bad", "1.00", 1)).as(admin).send().expect(400);
		Map<String, Object> duplicate = product(category, "Dup", "1.00", 1);
		api.post("/api/products", duplicate).as(admin).send().expect(201);
		api.post("/api/products", duplicate).as(admin).send().expect(409);
	}

	private static List<String> names(JsonNode page) {
		return page.get("content").valueStream().map(p -> p.get("name").asString()).toList();
	}

}
