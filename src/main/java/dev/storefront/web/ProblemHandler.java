package dev.storefront.web;

import java.util.List;
import java.util.Map;

import jakarta.validation.ConstraintViolationException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every failure into an RFC 9457 {@code application/problem+json} response with {@code type},
 * {@code title}, {@code status} and {@code detail}; validation problems also list the fields.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

	@Override
	protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "validation", "Request body is invalid");
		problem.setProperty("errors", ex.getBindingResult().getFieldErrors().stream().map(ProblemHandler::field).toList());
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
			HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "validation", "Request parameters are invalid");
		List<Map<String, Object>> errors = ex.getParameterValidationResults().stream()
			.flatMap(result -> result.getResolvableErrors().stream().map(error -> Map.<String, Object>of("field",
					result.getMethodParameter().getParameterName() == null ? "?"
							: result.getMethodParameter().getParameterName(),
					"message", String.valueOf(error.getDefaultMessage()))))
			.toList();
		problem.setProperty("errors", errors);
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (NestedExceptionUtils.getRootCause(ex) instanceof PayloadTooLarge tooLarge
				|| ex.getCause() instanceof PayloadTooLarge) {
			ProblemDetail problem = Problems.of(HttpStatus.CONTENT_TOO_LARGE, "Request body is too large");
			return handleExceptionInternal(ex, problem, headers, HttpStatus.CONTENT_TOO_LARGE, request);
		}
		return handleExceptionInternal(ex, UnreadableBodies.problem(ex), headers, HttpStatus.BAD_REQUEST, request);
	}

	@ExceptionHandler(ConstraintViolationException.class)
	ResponseEntity<Object> constraintViolation(ConstraintViolationException ex, WebRequest request) {
		ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "validation", "Request parameters are invalid");
		problem.setProperty("errors", ex.getConstraintViolations().stream()
			.map(v -> Map.of("field", String.valueOf(v.getPropertyPath()), "message", v.getMessage()))
			.toList());
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
	}

	@ExceptionHandler(OptimisticLockingFailureException.class)
	ResponseEntity<Object> concurrentUpdate(OptimisticLockingFailureException ex, WebRequest request) {
		ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "concurrent-update",
				"The resource was changed by another request; reload it and retry");
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.CONFLICT, request);
	}

	@ExceptionHandler({ DataAccessResourceFailureException.class, QueryTimeoutException.class })
	ResponseEntity<Object> storeUnavailable(Exception ex, WebRequest request) {
		log.warn("Backing store unavailable: {}", NestedExceptionUtils.getMostSpecificCause(ex).getMessage());
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, "5");
		return handleExceptionInternal(ex, Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "store-unavailable",
				"A backing store is unavailable; retry shortly"), headers, HttpStatus.SERVICE_UNAVAILABLE, request);
	}

	@ExceptionHandler(AuthenticationException.class)
	ResponseEntity<Object> unauthenticated(AuthenticationException ex, WebRequest request) {
		return handleExceptionInternal(ex, Problems.of(HttpStatus.UNAUTHORIZED, "bad-credentials",
				"Email or password is wrong"), new HttpHeaders(), HttpStatus.UNAUTHORIZED, request);
	}

	@ExceptionHandler(AccessDeniedException.class)
	ResponseEntity<Object> accessDenied(AccessDeniedException ex, WebRequest request) {
		return handleExceptionInternal(ex, Problems.of(HttpStatus.FORBIDDEN, "Access denied"), new HttpHeaders(),
				HttpStatus.FORBIDDEN, request);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> unexpected(Exception ex, WebRequest request) {
		if (StoreFailures.isUnavailable(ex)) {
			return storeUnavailable(ex, request);
		}
		log.error("Unhandled failure on {}", describe(request), ex);
		return handleExceptionInternal(ex, Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "An unexpected error occurred"),
				new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		ProblemDetail problem = body instanceof ProblemDetail detail ? detail
				: ex instanceof ErrorResponse response ? response.getBody() : Problems.of(statusCode, reason(statusCode));
		if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
			problem.setType(Problems.typeFor(statusCode));
		}
		if (problem.getDetail() == null) {
			problem.setDetail(problem.getTitle());
		}
		if (problem.getInstance() == null && request instanceof ServletWebRequest servlet) {
			problem.setInstance(java.net.URI.create(servlet.getRequest().getRequestURI()));
		}
		HttpHeaders out = new HttpHeaders();
		out.putAll(headers);
		out.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		return super.handleExceptionInternal(ex, problem, out, statusCode, request);
	}

	private static Map<String, Object> field(FieldError error) {
		// A binding failure's default message names Java types ("Failed to convert ... java.math.BigDecimal").
		String message = error.isBindingFailure() ? "has the wrong type or format" : String.valueOf(error.getDefaultMessage());
		return Map.of("field", error.getField(), "message", message);
	}

	private static String reason(HttpStatusCode status) {
		HttpStatus known = HttpStatus.resolve(status.value());
		return known == null ? "Request failed" : known.getReasonPhrase();
	}

	private static String describe(WebRequest request) {
		return request instanceof ServletWebRequest servlet
				? servlet.getRequest().getMethod() + " " + servlet.getRequest().getRequestURI() : request.toString();
	}

}
