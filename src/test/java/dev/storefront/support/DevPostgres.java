package dev.storefront.support;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * PostgreSQL of {@link DevServices} (which imports it), alone for contexts that configure Redis through
 * the real {@code spring.data.redis.*} properties (TLS, Sentinel).
 */
@TestConfiguration(proxyBeanMethods = false)
public class DevPostgres {

	@Bean
	JdbcConnectionDetails devPostgres() {
		DevServices.Postgres postgres = DevServices.Postgres.get();
		return new JdbcConnectionDetails() {
			@Override
			public String getUsername() {
				return postgres.username;
			}

			@Override
			public String getPassword() {
				return postgres.password;
			}

			@Override
			public String getJdbcUrl() {
				return postgres.url;
			}
		};
	}

}
