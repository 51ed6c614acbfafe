package dev.storefront.web;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * The 400 for a body that cannot be read. Jackson's messages name Java types
 * ({@code dev.storefront.order.OrderRequest$Item}) and quote the input, so they never reach the client:
 * the problem says what kind of mistake it is, in fixed words, and where, as a JSON pointer (RFC 6901)
 * in the {@code pointer} member.
 */
final class UnreadableBodies {

	private UnreadableBodies() {
	}

	static ProblemDetail problem(HttpMessageNotReadableException ex) {
		JacksonException jackson = find(ex);
		String pointer = jackson == null ? "" : pointer(jackson.getPath());
		String detail;
		if (jackson == null) {
			detail = "Request body is missing or cannot be read";
		}
		else if (jackson instanceof StreamReadException) {
			detail = "Request body is not well-formed JSON";
		}
		else if (jackson instanceof MismatchedInputException && !pointer.isEmpty()) {
			detail = "A value in the request body has the wrong type or format";
		}
		else {
			detail = "Request body does not have the shape this endpoint expects";
		}
		ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "malformed-body",
				pointer.isEmpty() ? detail : detail + " (at " + pointer + ")");
		if (!pointer.isEmpty()) {
			problem.setProperty("pointer", pointer);
		}
		return problem;
	}

	private static JacksonException find(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof JacksonException jackson) {
				return jackson;
			}
		}
		return null;
	}

	/** {@code /items/0/quantity}; property names escaped as RFC 6901 asks. */
	static String pointer(List<JacksonException.Reference> path) {
		StringBuilder pointer = new StringBuilder();
		for (JacksonException.Reference reference : path) {
			pointer.append('/');
			if (reference.getPropertyName() != null) {
				pointer.append(reference.getPropertyName().replace("~", "~0").replace("/", "~1"));
			}
			else if (reference.getIndex() >= 0) {
				pointer.append(reference.getIndex());
			}
			else {
				pointer.append('-');
			}
		}
		return pointer.toString();
	}

}
