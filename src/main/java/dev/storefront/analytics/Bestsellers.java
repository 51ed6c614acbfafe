package dev.storefront.analytics;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations.TypedTuple;
import org.springframework.stereotype.Service;

import dev.storefront.catalog.Product;
import dev.storefront.catalog.ProductService;
import dev.storefront.order.Order;
import dev.storefront.order.OrderStatus;

/**
 * Units sold per product and ISO week. Confirmed orders add their units and cancelled confirmed orders
 * take them off again; both arrive through the {@code analytics} consumer group
 * ({@link BestsellerEvents}), so only committed changes count and a Redis failure is retried, not lost.
 */
@Service
class Bestsellers {

	private final StringRedisTemplate redis;

	private final AnalyticsProperties properties;

	private final ProductService products;

	private final Clock clock = Clock.systemUTC();

	Bestsellers(StringRedisTemplate redis, AnalyticsProperties properties, ProductService products) {
		this.redis = redis;
		this.properties = properties;
		this.products = products;
	}

	/** Adds a confirmed order's units to the week it was confirmed in. */
	void count(Order.OrderConfirmed confirmed) {
		IsoWeek week = IsoWeek.of(LocalDate.ofInstant(confirmed.occurredAt(), ZoneOffset.UTC));
		List<String> args = new ArrayList<>();
		args.add(String.valueOf(properties.bestsellerRetention().toMillis()));
		// The marker outlives the ranking it guards: a late redelivery can never count the order again.
		args.add(String.valueOf(properties.bestsellerRetention().multipliedBy(2).toMillis()));
		args.addAll(units(confirmed.items()));
		redis.execute(AnalyticsScripts.COUNT_SALE,
				List.of(AnalyticsKeys.bestsellers(week), AnalyticsKeys.bestsellerCounted(week, confirmed.orderId())),
				args.toArray());
		redis.opsForValue().set(AnalyticsKeys.bestsellerWeekOfOrder(confirmed.orderId()), week.toString(),
				properties.bestsellerRetention());
	}

	/** Takes a cancelled order's units off again, if it had been confirmed (and so counted). */
	void uncount(Order.OrderCancelled cancelled) {
		if (cancelled.previousStatus() != OrderStatus.CONFIRMED) {
			return;
		}
		String marker = AnalyticsKeys.bestsellerWeekOfOrder(cancelled.orderId());
		String counted = redis.opsForValue().get(marker);
		IsoWeek week = counted != null ? IsoWeek.parse(counted)
				: IsoWeek.of(LocalDate.ofInstant(cancelled.occurredAt(), ZoneOffset.UTC));
		redis.execute(AnalyticsScripts.UNCOUNT_SALE,
				List.of(AnalyticsKeys.bestsellers(week), AnalyticsKeys.bestsellerCounted(week, cancelled.orderId())),
				units(cancelled.items()).toArray());
		redis.delete(marker);
	}

	IsoWeek currentWeek() {
		return IsoWeek.of(LocalDate.now(clock));
	}

	/** The ranking of a week joined with the products; deleted products are left out, not replaced. */
	BestsellerList ranking(IsoWeek week, int limit) {
		Map<Long, Long> top = top(week, limit);
		Map<Long, Product> found = products.findAll(top.keySet()).stream()
			.collect(Collectors.toMap(Product::id, Function.identity()));
		List<Bestseller> ranked = top.entrySet().stream()
			.filter(entry -> found.containsKey(entry.getKey()))
			.map(entry -> Bestseller.of(found.get(entry.getKey()), entry.getValue()))
			.toList();
		return new BestsellerList(week.toString(), ranked);
	}

	/** Product id to units sold, best first. */
	Map<Long, Long> top(IsoWeek week, int limit) {
		Set<TypedTuple<String>> ranked = redis.opsForZSet()
			.reverseRangeWithScores(AnalyticsKeys.bestsellers(week), 0, limit - 1);
		Map<Long, Long> top = new LinkedHashMap<>();
		if (ranked != null) {
			ranked.forEach(t -> top.put(Long.parseLong(t.getValue()), t.getScore() == null ? 0 : t.getScore().longValue()));
		}
		return top;
	}

	private static List<String> units(List<Order.Line> lines) {
		List<String> args = new ArrayList<>();
		lines.forEach(line -> {
			args.add(String.valueOf(line.productId()));
			args.add(String.valueOf(line.quantity()));
		});
		return args;
	}

	/**
	 * One ranked product.
	 */
	record Bestseller(long productId, String name, String slug, BigDecimal price, String currency, long unitsSold) {

		static Bestseller of(Product product, long unitsSold) {
			return new Bestseller(product.id(), product.name(), product.slug(), product.price(), product.currency(),
					unitsSold);
		}

	}

	/**
	 * The ranking of one week.
	 */
	record BestsellerList(String week, List<Bestseller> products) {
	}

}
