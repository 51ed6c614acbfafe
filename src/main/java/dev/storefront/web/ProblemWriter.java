package dev.storefront.web;

import java.io.IOException;
import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Writes RFC 9457 problem responses from places that run before Spring MVC (filters, security
 * entry points), so that they look exactly like the ones from {@link ProblemHandler}.
 */
@Component
public class ProblemWriter {

	private final JsonMapper mapper;

	ProblemWriter(JsonMapper mapper) {
		this.mapper = mapper;
	}

	public void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
			throws IOException {
		write(request, response, Problems.of(status, detail));
	}

	public void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
			throws IOException {
		if (problem.getInstance() == null) {
			problem.setInstance(instance(request.getRequestURI()));
		}
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		mapper.writeValue(response.getOutputStream(), problem);
	}

	/** The path as a URI; {@code null} for a path that is not one (a rejected request may carry anything). */
	static URI instance(String path) {
		try {
			return path == null ? null : URI.create(path);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
