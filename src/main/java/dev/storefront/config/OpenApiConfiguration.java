package dev.storefront.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description at {@code /v3/api-docs} (UI at {@code /swagger-ui.html}), with both ways to
 * present a session: the {@code SESSION} cookie and the {@code X-Auth-Token} header.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	@Bean
	OpenAPI storefrontOpenApi() {
		return new OpenAPI()
			.info(new Info().title("storefront API").version("v1")
				.description("Catalog, users, orders. Log in with POST /api/auth/login, then send the X-Auth-Token "
						+ "header (or the SESSION cookie plus X-XSRF-TOKEN on writes). Errors are application/problem+json."))
			.components(new Components()
				.addSecuritySchemes("token",
						new SecurityScheme().type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER).name("X-Auth-Token"))
				.addSecuritySchemes("cookie",
						new SecurityScheme().type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.COOKIE).name("SESSION")))
			.addSecurityItem(new SecurityRequirement().addList("token"))
			.addSecurityItem(new SecurityRequirement().addList("cookie"));
	}

}
