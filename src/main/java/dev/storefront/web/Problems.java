package dev.storefront.web;

import java.net.URI;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * Builds problem details with a stable {@code type} URI per status, so clients can switch on it.
 */
public final class Problems {

	/** Base of every problem {@code type}. */
	public static final String TYPE_BASE = "https://storefront.dev/problems/";

	private Problems() {
	}

	public static ProblemDetail of(HttpStatusCode status, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(typeFor(status));
		return problem;
	}

	public static ProblemDetail of(HttpStatusCode status, String slug, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(TYPE_BASE + slug));
		return problem;
	}

	static URI typeFor(HttpStatusCode status) {
		return URI.create(TYPE_BASE + status.value());
	}

}
