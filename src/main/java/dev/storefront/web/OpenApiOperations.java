package dev.storefront.web;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.customizers.GlobalOperationCustomizer;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;

import dev.storefront.web.ApiAccess.Audience;

/**
 * Adds to every operation what follows from the way the API is built rather than from the
 * operation itself: the security requirement of its {@link ApiAccess} audience, the problem
 * responses every such operation can give, and the headers every {@code /api} response carries.
 * Controllers declare only their own statuses (201, 409, 412, 422 ...) with {@code @ApiResponse}.
 */
@Component
class OpenApiOperations implements GlobalOperationCustomizer, GlobalOpenApiCustomizer {

	static final String AUDIENCE = "x-audience";

	private static final String PROBLEM_REF = "#/components/schemas/" + OpenApiConfiguration.PROBLEM;

	private static final Map<String, String> RATE_LIMIT_HEADERS = Map.of(
			"X-RateLimit-Limit", "Requests allowed in the window of the tightest policy that applied",
			"X-RateLimit-Remaining", "Requests left in that window",
			"X-RateLimit-Reset", "When that window resets, in epoch seconds",
			"RateLimit-Policy", "Every policy that applied, as IETF structured fields: `\"anonymous\";q=20;w=12`",
			"RateLimit", "The tightest policy's state: `\"anonymous\";r=19;t=1`");

	@Override
	public Operation customize(Operation operation, HandlerMethod handler) {
		Audience audience = audienceOf(handler);
		if (audience == null) {
			return operation; // ApiContractIntegrationTests names the operation that lacks one
		}
		operation.addExtension(AUDIENCE, audience.name().toLowerCase());
		operation.setOperationId(operationId(handler));
		boolean write = isWrite(handler);
		ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
		operation.setResponses(responses);
		problem(responses, "400", "The request is malformed: a parameter, header or body is not valid");
		if (Arrays.stream(handler.getMethodParameters()).anyMatch(p -> p.hasParameterAnnotation(RequestBody.class))) {
			problem(responses, "413", "The body is larger than the configured limit (1 MB by default)");
			problem(responses, "415", "The body is not `application/json`");
		}
		if (Arrays.stream(handler.getMethodParameters()).anyMatch(p -> p.hasParameterAnnotation(PathVariable.class))) {
			problem(responses, "404", "No such resource, or not one the caller may see");
		}
		switch (audience) {
			case ANYONE -> operation.setSecurity(List.of());
			case USER, ADMIN -> {
				operation.setSecurity(sessionRequirements(write));
				problem(responses, "401", "No valid session: sign in with POST /api/auth/login");
				problem(responses, "403", audience == Audience.ADMIN
						? "The caller is not an administrator, or a cookie-authenticated write lacks its CSRF token"
						: "A cookie-authenticated write lacks its CSRF token (X-XSRF-TOKEN)");
			}
		}
		if (audience == Audience.ADMIN) {
			operation.setDescription(join(operation.getDescription(), "Requires the ADMIN role."));
		}
		problem(responses, "429", "A rate limit refused the request; `Retry-After` says when to retry");
		problem(responses, "503", "A backing service (Redis) is unavailable for this request; retry after `Retry-After`");
		// Statuses a controller declares (409, 412, 422 ...) are problems too, whatever springdoc inferred.
		responses.forEach((code, response) -> {
			if (code.startsWith("4") || code.startsWith("5")) {
				response.setContent(problemContent());
			}
		});
		return operation;
	}

	@Override
	public void customise(io.swagger.v3.oas.models.OpenAPI openApi) {
		Map<String, Header> headers = new TreeMap<>();
		RATE_LIMIT_HEADERS.forEach((name, description) -> headers.put(name, new Header().description(description)
			.schema(name.startsWith("X-") ? new IntegerSchema().format("int64") : new StringSchema())));
		headers.put("Retry-After", new Header().description("Seconds to wait before retrying")
			.schema(new IntegerSchema().format("int32").minimum(java.math.BigDecimal.ZERO)));
		headers.put("ETag", new Header().description("Strong validator of the representation; send it back in "
				+ "`If-None-Match` (304 when unchanged) or `If-Match` (412 when stale)").schema(new StringSchema()));
		headers.put("Storefront-Degraded", new Header().description("`session` when the session store could not be "
				+ "reached and the request was served as anonymous; `wishlist` when the caller's wishlist could not be "
				+ "read and products come without `wishlisted`").schema(new StringSchema()._enum(List.of("session", "wishlist"))));
		headers.put("Location", new Header().description("URL of the created resource")
			.schema(new StringSchema().format("uri-reference")));
		if (openApi.getComponents().getSchemas() != null) {
			openApi.getComponents().getSchemas().values().forEach(OpenApiOperations::openMaps);
		}
		if (openApi.getPaths() == null) {
			return;
		}
		openApi.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
			if (operation.getResponses() != null) {
				operation.getResponses().values().stream()
					.filter(response -> response.getContent() != null)
					.flatMap(response -> response.getContent().values().stream())
					.forEach(media -> openMaps(media.getSchema()));
			}
		}));
		openApi.getPaths().forEach((path, item) -> item.readOperations().forEach(operation -> {
			if (!path.startsWith("/api/") || operation.getResponses() == null) {
				return;
			}
			operation.getResponses().forEach((code, response) -> {
				inline(response, headers);
				RATE_LIMIT_HEADERS.keySet().forEach(name -> response.addHeaderObject(name, copy(headers.get(name))));
				if (code.startsWith("2") && "anyone".equals(extension(operation))) {
					response.addHeaderObject("Storefront-Degraded", copy(headers.get("Storefront-Degraded")));
				}
				if (code.equals("429") || code.equals("503")) {
					response.addHeaderObject("Retry-After", copy(headers.get("Retry-After")).required(code.equals("429")));
				}
			});
		}));
	}

	/**
	 * Controllers name shared headers by {@code ref = "#/components/headers/ETag"}; they are written
	 * inline, because springdoc adds siblings ({@code style}, {@code required}) that a {@code $ref} may not have.
	 */
	private static void inline(ApiResponse response, Map<String, Header> headers) {
		if (response.getHeaders() == null) {
			return;
		}
		response.getHeaders().replaceAll((name, header) -> header.get$ref() == null ? header
				: copy(headers.get(header.get$ref().substring(header.get$ref().lastIndexOf('/') + 1))));
	}

	/**
	 * A {@code Map<String, Object>} comes out as "additional properties must be objects"; its values are
	 * any JSON (numbers, strings), so say so.
	 */
	@SuppressWarnings("rawtypes")
	private static void openMaps(Schema schema) {
		if (schema == null) {
			return;
		}
		if (schema.getAdditionalProperties() instanceof Schema values && values.get$ref() == null
				&& "object".equals(values.getType()) && values.getProperties() == null) {
			schema.setAdditionalProperties(true);
		}
		else if (schema.getAdditionalProperties() instanceof Schema values) {
			openMaps(values);
		}
		if (schema.getProperties() != null) {
			((Map<?, ?>) schema.getProperties()).values().forEach(value -> openMaps((Schema) value));
		}
		if (schema.getItems() != null) {
			openMaps(schema.getItems());
		}
	}

	private static Object extension(Operation operation) {
		return operation.getExtensions() == null ? null : operation.getExtensions().get(AUDIENCE);
	}

	private static Header copy(Header header) {
		return new Header().description(header.getDescription()).schema(header.getSchema());
	}

	private static List<SecurityRequirement> sessionRequirements(boolean write) {
		SecurityRequirement cookie = new SecurityRequirement().addList("cookie");
		if (write) {
			cookie.addList("csrf");
		}
		return List.of(new SecurityRequirement().addList("token"), cookie);
	}

	private static void problem(ApiResponses responses, String code, String description) {
		ApiResponse response = responses.get(code);
		if (response == null) {
			response = new ApiResponse().description(description);
			responses.addApiResponse(code, response);
		}
	}

	private static Content problemContent() {
		return new Content().addMediaType("application/problem+json",
				new MediaType().schema(new Schema<>().$ref(PROBLEM_REF)));
	}

	/**
	 * {@code <resource><Action>}, e.g. {@code productFind}, {@code orderPlace}: unique and stable, so a
	 * generated client's method names do not change when another controller gains a method of the same name.
	 * An explicit {@code @Operation(operationId = ...)} wins.
	 */
	private static String operationId(HandlerMethod handler) {
		io.swagger.v3.oas.annotations.Operation explicit = handler
			.getMethodAnnotation(io.swagger.v3.oas.annotations.Operation.class);
		if (explicit != null && !explicit.operationId().isBlank()) {
			return explicit.operationId();
		}
		String resource = handler.getBeanType().getSimpleName().replaceFirst("Controller$", "");
		String method = handler.getMethod().getName();
		return Character.toLowerCase(resource.charAt(0)) + resource.substring(1) + Character.toUpperCase(method.charAt(0))
				+ method.substring(1);
	}

	private static Audience audienceOf(HandlerMethod handler) {
		ApiAccess access = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), ApiAccess.class);
		if (access == null) {
			access = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), ApiAccess.class);
		}
		return access == null ? null : access.value();
	}

	private static boolean isWrite(HandlerMethod handler) {
		RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
		return mapping != null && Arrays.stream(mapping.method())
			.anyMatch(m -> m != RequestMethod.GET && m != RequestMethod.HEAD && m != RequestMethod.OPTIONS);
	}

	private static String join(String first, String second) {
		return first == null || first.isBlank() ? second : first + "\n\n" + second;
	}

}
