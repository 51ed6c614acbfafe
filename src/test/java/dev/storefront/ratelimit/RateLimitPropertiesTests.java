package dev.storefront.ratelimit;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

import dev.storefront.ratelimit.RateLimitProperties.Algorithm;
import dev.storefront.ratelimit.RateLimitProperties.Audience;
import dev.storefront.ratelimit.RateLimitProperties.FailureMode;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitPropertiesTests {

	@Test
	void shippedDefaultsAreTheDocumentedPolicies() {
		RateLimitProperties defaults = RateLimitStack.defaults();

		assertThat(defaults.enabled()).isTrue();
		assertThat(defaults.trustedProxies()).isEmpty();
		assertThat(defaults.policies()).containsOnlyKeys("login-failures", "login", "login-account", "register", "orders",
				"realtime-handshake", "anonymous", "authenticated");
		assertThat(defaults.policies().keySet()).first().isEqualTo("login-failures");
		assertThat(defaults.ipv4PrefixLength()).isEqualTo(32);
		assertThat(defaults.ipv6PrefixLength()).isEqualTo(64);

		var anonymous = defaults.policies().get("anonymous");
		assertThat(anonymous.key()).isEqualTo("ip");
		assertThat(anonymous.match().audience()).isEqualTo(Audience.ANONYMOUS);
		assertThat(anonymous.algorithm()).isEqualTo(Algorithm.TOKEN_BUCKET);
		assertThat(anonymous.bandwidths()).extracting(RateLimitProperties.Bandwidth::capacity).containsExactly(20L, 100L);
		assertThat(anonymous.bandwidths().get(1).refillPeriod()).isEqualTo(Duration.ofMinutes(1));

		var authenticated = defaults.policies().get("authenticated");
		assertThat(authenticated.key()).isEqualTo("user");
		assertThat(authenticated.bandwidths()).extracting(RateLimitProperties.Bandwidth::capacity).containsExactly(1000L);

		var login = defaults.policies().get("login");
		assertThat(login.key()).isEqualTo("ip+body-field:email");
		assertThat(login.algorithm()).isEqualTo(Algorithm.SLIDING_LOG);
		assertThat(login.limit()).isEqualTo(5);
		assertThat(login.window()).isEqualTo(Duration.ofMinutes(1));
		assertThat(login.onRedisFailure()).isEqualTo(FailureMode.DENY);
		assertThat(login.match().methods()).containsExactly("POST");

		var orders = defaults.policies().get("orders");
		assertThat(orders.key()).isEqualTo("user");
		assertThat(orders.algorithm()).isEqualTo(Algorithm.FIXED_WINDOW);
		assertThat(orders.limit()).isEqualTo(10);
		assertThat(orders.onRedisFailure()).isEqualTo(FailureMode.ALLOW);
		assertThat(orders.match().paths()).containsExactly("/api/orders", "/api/orders/from-cart");

		var loginAccount = defaults.policies().get("login-account");
		assertThat(loginAccount.key()).isEqualTo("body-field:email");
		assertThat(loginAccount.limit()).isEqualTo(20);
		assertThat(loginAccount.window()).isEqualTo(Duration.ofHours(1));
		assertThat(loginAccount.onRedisFailure()).isEqualTo(FailureMode.DENY);

		var loginFailures = defaults.policies().get("login-failures");
		assertThat(loginFailures.key()).isEqualTo("ip");
		assertThat(loginFailures.algorithm()).isEqualTo(Algorithm.SLIDING_LOG);
		assertThat(loginFailures.limit()).isEqualTo(30);
		assertThat(loginFailures.window()).isEqualTo(Duration.ofMinutes(1));
		assertThat(loginFailures.countedStatuses()).containsExactly(401);
		assertThat(loginFailures.onRedisFailure()).isEqualTo(FailureMode.DENY);
	}

	@Test
	void countedStatusesNeedASlidingLog() {
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Binder(new MapConfigurationPropertySource(Map.of(
					"storefront.ratelimit.policies.bad.counted-statuses[0]", "401",
					"storefront.ratelimit.policies.bad.algorithm", "fixed-window")))
				.bindOrCreate("storefront.ratelimit", RateLimitProperties.class))
			.rootCause()
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("sliding-log");
	}

	@Test
	void oneFieldOfOnePolicyCanBeOverriddenByAnEnvironmentVariable() throws Exception {
		MutablePropertySources sources = new MutablePropertySources();
		sources.addLast(new SystemEnvironmentPropertySource("env",
				Map.of("STOREFRONT_RATELIMIT_POLICIES_LOGIN_LIMIT", "10", "STOREFRONT_RATELIMIT_POLICIES_ORDERS_ENABLED",
						"false")));
		new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yml"))
			.forEach(sources::addLast);

		RateLimitProperties properties = new Binder(ConfigurationPropertySources.from(sources))
			.bindOrCreate("storefront.ratelimit", RateLimitProperties.class);

		assertThat(properties.policies().get("login").limit()).isEqualTo(10);
		assertThat(properties.policies().get("login").algorithm()).isEqualTo(Algorithm.SLIDING_LOG);
		assertThat(properties.policies().get("login").onRedisFailure()).isEqualTo(FailureMode.DENY);
		assertThat(properties.policies().get("orders").enabled()).isFalse();
		assertThat(properties.policies().get("anonymous").bandwidths()).hasSize(2);
	}

	@Test
	void unknownKeyStrategyIsRejectedAtStartup() {
		var properties = new Binder(new MapConfigurationPropertySource(Map.of(
				"storefront.ratelimit.policies.bad.key", "cookie", "storefront.ratelimit.policies.bad.algorithm",
				"fixed-window"))).bindOrCreate("storefront.ratelimit", RateLimitProperties.class);

		org.assertj.core.api.Assertions
			.assertThatIllegalArgumentException()
			.isThrownBy(() -> CompiledPolicy.of("bad", properties.policies().get("bad"), subject -> null))
			.withMessageContaining("cookie");
	}

}
