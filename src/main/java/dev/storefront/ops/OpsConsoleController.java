package dev.storefront.ops;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.storefront.web.ApiAccess;
import dev.storefront.web.ApiAccess.Audience;

/**
 * The operations console's data (ADMIN, by the {@code /api/admin/**} rule); the page itself,
 * {@code /ops/}, is static and holds no data.
 */
@Tag(name = "ops")
@ApiAccess(Audience.ADMIN)
@RestController
@RequestMapping("/api/admin/ops")
class OpsConsoleController {

	private final SnapshotBroadcaster broadcaster;

	OpsConsoleController(SnapshotBroadcaster broadcaster) {
		this.broadcaster = broadcaster;
	}

	@Operation(summary = "Take one operations snapshot", description = "This instance's caches, Redis nodes, breakers, rate limits, queues, stream groups, realtime connections and orders. Counters are cumulative since the instance started. Costs no Redis call.")
	@GetMapping("/snapshot")
	OpsSnapshot snapshot() {
		return broadcaster.current();
	}

	@Operation(summary = "Stream operations snapshots (server-sent events)", description = """
			One `snapshot` event per second (`storefront.ops.console-interval`), its data an `OpsSnapshot` as \
			returned by `GET /api/admin/ops/snapshot`. One producer per instance serves every open stream, and \
			it runs only while at least one stream is open; each tick reads INFO once per Redis node and \
			nothing else from Redis.""")
	@ApiResponse(responseCode = "200", description = "An endless `text/event-stream` of `snapshot` events", content = @Content(
			mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(type = "string")))
	@GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter stream() {
		return broadcaster.subscribe();
	}

}
