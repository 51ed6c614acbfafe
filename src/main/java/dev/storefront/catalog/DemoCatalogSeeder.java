package dev.storefront.catalog;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fills an empty catalog with about 20 categories and {@code storefront.catalog.demo.products}
 * products with plausible names, prices and stock. Off unless that property is set (the dev run
 * and the benchmarks set it).
 */
@Component
@Order(10)
class DemoCatalogSeeder implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoCatalogSeeder.class);

	private static final String[][] CATEGORIES = { { "Laptops", "Laptop", "Notebook", "Ultrabook" },
			{ "Smartphones", "Phone", "Smartphone" }, { "Headphones", "Headphones", "Earbuds", "Headset" },
			{ "Cameras", "Camera", "Lens", "Tripod" }, { "Televisions", "TV", "Monitor" },
			{ "Kitchen", "Blender", "Kettle", "Toaster", "Knife Set", "Frying Pan" },
			{ "Furniture", "Chair", "Desk", "Bookshelf", "Sofa" }, { "Garden", "Hose", "Planter", "Shovel", "Lawn Mower" },
			{ "Sports", "Football", "Yoga Mat", "Dumbbell", "Tennis Racket" },
			{ "Outdoor", "Tent", "Sleeping Bag", "Backpack", "Lantern" }, { "Books", "Novel", "Cookbook", "Atlas" },
			{ "Toys", "Puzzle", "Building Set", "Plush Bear", "Board Game" },
			{ "Beauty", "Face Cream", "Shampoo", "Perfume" }, { "Fashion", "Jacket", "Sneakers", "Scarf", "T-Shirt" },
			{ "Jewelry", "Necklace", "Ring", "Bracelet", "Watch" }, { "Office", "Notebook", "Pen Set", "Stapler" },
			{ "Pet Supplies", "Dog Bed", "Cat Tree", "Leash" }, { "Automotive", "Car Charger", "Dash Cam", "Floor Mats" },
			{ "Music", "Guitar", "Keyboard", "Drum Pad", "Ukulele" }, { "Groceries", "Coffee", "Tea", "Olive Oil", "Chocolate" } };

	private static final String[] ADJECTIVES = { "Classic", "Premium", "Compact", "Ultra", "Eco", "Smart", "Deluxe",
			"Vintage", "Pro", "Lite", "Rugged", "Elegant", "Modern", "Essential", "Advanced", "Portable" };

	private static final String[] MATERIALS = { "Steel", "Oak", "Carbon", "Cotton", "Leather", "Bamboo", "Ceramic",
			"Titanium", "Wool", "Glass", "Aluminium", "Linen" };

	private static final String[] BRANDS = { "Nordvik", "Alder & Co", "Brightline", "Kestrel", "Maple Works", "Orbis",
			"Solstice", "Tidewater", "Vantage", "Zephyr" };

	private final CatalogProperties properties;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	DemoCatalogSeeder(CatalogProperties properties, JdbcTemplate jdbc, TransactionTemplate transactions) {
		this.properties = properties;
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	@Override
	public void run(ApplicationArguments args) {
		int count = properties.demo().products();
		if (count <= 0) {
			return;
		}
		Long existing = jdbc.queryForObject("select count(*) from products", Long.class);
		if (existing != null && existing > 0) {
			log.info("Catalog already holds {} products; demo data not seeded", existing);
			return;
		}
		long started = System.nanoTime();
		transactions.executeWithoutResult(status -> seed(count, new Random(properties.demo().seed())));
		log.info("Seeded {} categories and {} demo products in {} ms", CATEGORIES.length, count,
				(System.nanoTime() - started) / 1_000_000);
	}

	private void seed(int count, Random random) {
		List<Long> categoryIds = new ArrayList<>();
		for (String[] category : CATEGORIES) {
			categoryIds.add(jdbc.queryForObject(
					"insert into categories (name, slug, description) values (?, ?, ?) returning id", Long.class,
					category[0], Slugs.of(category[0]), "Everything in " + category[0].toLowerCase()));
		}
		List<Object[]> batch = new ArrayList<>(1000);
		for (int i = 1; i <= count; i++) {
			int c = random.nextInt(CATEGORIES.length);
			String[] category = CATEGORIES[c];
			String noun = category[1 + random.nextInt(category.length - 1)];
			String name = BRANDS[random.nextInt(BRANDS.length)] + " " + ADJECTIVES[random.nextInt(ADJECTIVES.length)]
					+ " " + MATERIALS[random.nextInt(MATERIALS.length)] + " " + noun;
			String sku = "SKU-%06d".formatted(i);
			BigDecimal price = BigDecimal.valueOf(199 + random.nextInt(99_800), 2).setScale(2, RoundingMode.UNNECESSARY);
			int stock = random.nextInt(10) == 0 ? 0 : random.nextInt(500);
			batch.add(new Object[] { sku, Slugs.of(name + "-" + sku), name, "The " + name.toLowerCase()
					+ ": a dependable choice in " + category[0].toLowerCase() + ".", price, stock, categoryIds.get(c) });
			if (batch.size() == 1000 || i == count) {
				jdbc.batchUpdate("insert into products (sku, slug, name, description, price, currency, stock, category_id) "
						+ "values (?, ?, ?, ?, ?, 'EUR', ?, ?)", batch);
				batch.clear();
			}
		}
	}

}
