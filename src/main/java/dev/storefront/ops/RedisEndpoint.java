package dev.storefront.ops;

import java.util.Arrays;
import java.util.Map;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * {@code GET /actuator/redis} (ADMIN): info, memory, bigkeys, slowlog and latency of every Redis node;
 * {@code GET /actuator/redis/{part}} for one of them.
 */
@Endpoint(id = "redis")
class RedisEndpoint {

	private final RedisReports reports;

	RedisEndpoint(RedisReports reports) {
		this.reports = reports;
	}

	@ReadOperation
	Map<String, Map<String, Object>> redis() {
		return reports.all();
	}

	@ReadOperation
	WebEndpointResponse<Object> part(@Selector String part) {
		return RedisReports.Part.of(part)
			.<WebEndpointResponse<Object>>map(known -> new WebEndpointResponse<>(reports.part(known)))
			.orElseGet(() -> new WebEndpointResponse<>(unknown(part), HttpStatus.NOT_FOUND.value()));
	}

	private static ProblemDetail unknown(String part) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
				"No Redis report part '" + part + "'; the parts are "
						+ Arrays.stream(RedisReports.Part.values()).map(RedisReports.Part::id).toList());
		problem.setTitle("Unknown report part");
		return problem;
	}

}
