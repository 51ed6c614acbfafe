package dev.storefront.web;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description at {@code /v3/api-docs} (UI at {@code /swagger-ui.html}). The committed
 * copy, {@code docs/openapi.json}, is the contract: a test fails when the served one differs.
 * <p>
 * What every operation shares (the problem responses, the rate-limit headers, the security
 * requirement) is added by {@link OpenApiOperations}, so controllers only state what is their own.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	static final String PROBLEM = "Problem";

	@Bean
	OpenAPI storefrontOpenApi() {
		return new OpenAPI()
			.info(new Info().title("storefront API").version("v1")
				.description("""
						Catalog, users, carts and orders. Sign in with `POST /api/auth/login`, then send the \
						`X-Auth-Token` header it returns, or (browsers) the `SESSION` cookie plus the `XSRF-TOKEN` \
						cookie's value in `X-XSRF-TOKEN` on writes. Every error is `application/problem+json` \
						(RFC 9457, schema `Problem`). Every `/api` response carries the rate-limit headers of the \
						tightest policy that applied."""))
			.servers(List.of(new Server().url("/").description("This server")))
			.tags(tags())
			.components(new Components()
				.addSecuritySchemes("token",
						new SecurityScheme().type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER)
							.name("X-Auth-Token")
							.description("Session token returned by POST /api/auth/login in the X-Auth-Token header."))
				.addSecuritySchemes("cookie",
						new SecurityScheme().type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.COOKIE).name("SESSION")
							.description("Session cookie set by POST /api/auth/login (HttpOnly, SameSite=Strict)."))
				.addSecuritySchemes("csrf",
						new SecurityScheme().type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER)
							.name("X-XSRF-TOKEN")
							.description("Double-submit CSRF token: the XSRF-TOKEN cookie's value. Needed only on "
									+ "cookie-authenticated writes."))
				.addSchemas(PROBLEM, problemSchema()));
	}

	private static List<Tag> tags() {
		return List.of(tag("auth", "Registration, sign-in and sign-out"), tag("users", "The signed-in user and their sessions"),
				tag("catalog", "Categories and products"), tag("orders", "Placing, paying, cancelling and shipping orders"),
				tag("cart", "The shopping cart"), tag("analytics", "Bestsellers, visitors, active users, recently viewed"),
				tag("views", "Product view counters"), tag("cache", "Cache administration"),
				tag("events", "The domain-event stream and its dead letters"),
				tag("notifications", "Realtime notifications: history and server-sent events"),
				tag("jobs", "Background jobs and their queues"), tag("images", "Product images"));
	}

	private static Tag tag(String name, String description) {
		return new Tag().name(name).description(description);
	}

	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static Schema<?> problemSchema() {
		Schema error = new ObjectSchema().description("One invalid field or parameter")
			.addProperty("field", new StringSchema().example("email"))
			.addProperty("message", new StringSchema().example("must be a well-formed email address"));
		Schema problem = new ObjectSchema()
			.description("""
					An RFC 9457 problem. `type` names the problem (switch on it); domain problems add members \
					such as `productId`, `available`, `policy` or `retryAfter`.""")
			.addProperty("type", new StringSchema().format("uri")
				.example("https://storefront.dev/problems/insufficient-stock"))
			.addProperty("title", new StringSchema().example("Conflict"))
			.addProperty("status", new IntegerSchema().format("int32").example(409))
			.addProperty("detail", new StringSchema().example("Only 2 of product 42 left"))
			.addProperty("instance", new StringSchema().format("uri-reference").example("/api/orders"))
			.addProperty("errors", new ArraySchema().items(error).description("Validation problems only"));
		problem.setRequired(List.of("type", "title", "status"));
		problem.setAdditionalProperties(true);
		problem.setExample(Map.of("type", "https://storefront.dev/problems/validation", "title", "Bad Request",
				"status", 400, "detail", "Request body is invalid", "instance", "/api/auth/register", "errors",
				List.of(Map.of("field", "email", "message", "must be a well-formed email address"))));
		return problem;
	}

}
