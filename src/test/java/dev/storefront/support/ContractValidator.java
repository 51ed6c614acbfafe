package dev.storefront.support;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;

/**
 * Checks integration-test exchanges against the committed contract, {@code docs/openapi.json}:
 * the response always (status, headers, body schema), the request too when the server accepted it.
 * A request the server refused (4xx) is often wrong on purpose, so only its answer is checked.
 */
final class ContractValidator {

	private static final Path CONTRACT = Path.of("docs/openapi.json");

	private static volatile OpenApiInteractionValidator validator;

	private ContractValidator() {
	}

	static void check(String method, String pathAndQuery, List<String> requestHeaders, String requestBody,
			HttpResponse<String> response) {
		URI uri = URI.create(pathAndQuery);
		String path = uri.getRawPath();
		if (!path.startsWith("/api/")) {
			return;
		}
		SimpleResponse.Builder answer = SimpleResponse.Builder.status(response.statusCode());
		response.headers().map().forEach((name, values) -> answer.withHeader(name, values));
		if (response.body() != null && !response.body().isEmpty()) {
			answer.withBody(response.body());
		}
		ValidationReport report;
		Request.Method verb = Request.Method.valueOf(method);
		if (response.statusCode() < 400) {
			SimpleRequest.Builder request = new SimpleRequest.Builder(verb, path);
			for (int i = 0; i < requestHeaders.size(); i += 2) {
				request.withHeader(requestHeaders.get(i), requestHeaders.get(i + 1));
			}
			if (uri.getRawQuery() != null) {
				for (String pair : uri.getRawQuery().split("&")) {
					int eq = pair.indexOf('=');
					String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
					// The validator does not split explode=false arrays (ids=1,2,3); numeric lists are split here.
					List<String> values = value.matches("\\d+(,\\d+)+") ? List.of(value.split(",")) : List.of(value);
					request.withQueryParam(decode(eq < 0 ? pair : pair.substring(0, eq)), values);
				}
			}
			if (requestBody != null) {
				request.withBody(requestBody);
			}
			report = validator().validate(request.build(), answer.build());
		}
		else {
			report = validator().validateResponse(path, verb, answer.build());
		}
		undocumented(report, response.statusCode()).ifPresent(key -> {
			throw new AssertionError("Undocumented API exchange (" + key + ", not in docs/openapi.json): " + method + " "
					+ pathAndQuery + " -> " + response.statusCode() + "\nBody: " + response.body());
		});
		if (report.hasErrors()) {
			throw new AssertionError("Exchange off the API contract (docs/openapi.json): " + method + " " + pathAndQuery
					+ " -> " + response.statusCode() + "\n" + report.getMessages().stream()
						.filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
						.map(m -> "- " + m.getKey() + ": " + m.getMessage())
						.collect(Collectors.joining("\n"))
					+ "\nBody: " + response.body());
		}
	}

	/**
	 * Checks the answer of an exchange a test made with a raw client (streams, binary bodies, multipart):
	 * status, headers and content type, and the body when it is text.
	 */
	static void checkResponse(String method, String pathAndQuery, int status, java.net.http.HttpHeaders headers,
			Object body) {
		String path = URI.create(pathAndQuery).getRawPath();
		SimpleResponse.Builder answer = SimpleResponse.Builder.status(status);
		headers.map().forEach((name, values) -> answer.withHeader(name, values));
		if (body instanceof String text && !text.isEmpty()) {
			answer.withBody(text);
		}
		ValidationReport report = validator().validateResponse(path, Request.Method.valueOf(method), answer.build());
		undocumented(report, status).ifPresent(key -> {
			throw new AssertionError("Undocumented API exchange (" + key + ", not in docs/openapi.json): " + method + " "
					+ pathAndQuery + " -> " + status);
		});
		// A streamed or binary body is not read here: its absence is not an error, everything else is.
		List<String> errors = report.getMessages().stream()
			.filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
			.filter(m -> body instanceof String || !m.getKey().equals("validation.response.body.missing"))
			.map(m -> "- " + m.getKey() + ": " + m.getMessage())
			.toList();
		if (!errors.isEmpty()) {
			throw new AssertionError("Answer off the API contract (docs/openapi.json): " + method + " " + pathAndQuery
					+ " -> " + status + "\n" + String.join("\n", errors));
		}
	}

	/**
	 * A path or method missing from the contract is tested on purpose only when the server refuses it as
	 * such (400 for a rejected URL, 404, 405); answered any other way, it is an endpoint the contract does not describe.
	 */
	private static java.util.Optional<String> undocumented(ValidationReport report, int status) {
		return report.getMessages().stream().map(ValidationReport.Message::getKey).filter(key -> switch (key) {
			case "validation.request.path.missing", "validation.response.path.missing" -> status != 404 && status != 400;
			case "validation.request.operation.notAllowed", "validation.response.operation.notAllowed" ->
				status != 405 && status != 404;
			default -> false;
		}).findFirst();
	}

	private static String decode(String value) {
		return java.net.URLDecoder.decode(value, java.nio.charset.StandardCharsets.UTF_8);
	}

	private static OpenApiInteractionValidator validator() {
		if (validator == null) {
			synchronized (ContractValidator.class) {
				if (validator == null) {
					try {
						validator = OpenApiInteractionValidator.createForInlineApiSpecification(Files.readString(CONTRACT))
							.withLevelResolver(LevelResolver.create()
								// Paths or methods the API does not have are tested on purpose (404, 405): undocumented()
								// fails every other answer to them.
								.withLevel("validation.request.path.missing", ValidationReport.Level.IGNORE)
								.withLevel("validation.response.path.missing", ValidationReport.Level.IGNORE)
								.withLevel("validation.request.operation.notAllowed", ValidationReport.Level.IGNORE)
								.withLevel("validation.response.operation.notAllowed", ValidationReport.Level.IGNORE)
								// Some tests POST an empty JSON object to body-less actions (pay, cancel); the server ignores it.
								.withLevel("validation.request.body.unexpected", ValidationReport.Level.IGNORE)
								.build())
							.build();
					}
					catch (java.io.IOException ex) {
						throw new java.io.UncheckedIOException("Cannot read " + CONTRACT, ex);
					}
				}
			}
		}
		return validator;
	}

}
