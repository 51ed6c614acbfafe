package dev.storefront.ops;

import java.util.List;

/** The Redis servers the monitoring covers, each under its {@code redis} tag. */
record RedisTargets(List<RedisTarget> all) {

	RedisTargets {
		all = List.copyOf(all);
	}

}
