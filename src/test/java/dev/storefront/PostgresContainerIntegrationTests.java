package dev.storefront;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The migrations against the exact image docker compose runs ({@code postgres:17}). Runs only where a
 * Docker engine is reachable; elsewhere JUnit reports it skipped.
 */
@Testcontainers(disabledWithoutDocker = true)
class PostgresContainerIntegrationTests {

	@Container
	static final PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:17");

	@Test
	void migrationsApplyToTheComposeImage() {
		DriverManagerDataSource dataSource = new DriverManagerDataSource(postgres.getJdbcUrl(), postgres.getUsername(),
				postgres.getPassword());
		Flyway.configure().dataSource(dataSource).load().migrate();
		Integer indexes = new JdbcTemplate(dataSource).queryForObject(
				"select count(*) from pg_indexes where indexname = 'products_name_trgm_idx'", Integer.class);
		assertThat(indexes).isEqualTo(1);
	}

}
