package dev.storefront.notifications;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import dev.storefront.web.ApiAccess;
import dev.storefront.web.ApiAccess.Audience;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.storefront.user.CurrentUser;

@Tag(name = "notifications")
@RestController
class NotificationController {

	private final NotificationFeed feed;

	NotificationController(NotificationFeed feed) {
		this.feed = feed;
	}

	/** The caller's recent notifications after {@code after} (all kept, up to a page), oldest first. */
	@ApiAccess(Audience.USER)
	@Operation(summary = "List my notifications", description = "Newest last; `after` (a notification id) returns only later ones. At most 100 are kept, for 7 days.")
	@GetMapping("/api/notifications")
	List<Notification> history(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(required = false) String after) {
		return feed.history(user.id(), after);
	}

	/** The administrators' notifications ({@code stock.low}); ADMIN by the {@code /api/admin/**} rule. */
	@ApiAccess(Audience.ADMIN)
	@Operation(summary = "List administrator notifications", description = "`stock.low` and other notices for administrators; `after` as for users.")
	@GetMapping("/api/admin/notifications")
	List<Notification> adminHistory(@RequestParam(required = false) String after) {
		return feed.adminHistory(after);
	}

	/** Live notifications; {@code Last-Event-ID} replays the ones after it first. */
	@ApiAccess(Audience.USER)
	@Operation(summary = "Stream my notifications (server-sent events)", description = """
			Each event's `id:` is the notification id. Reconnect with `Last-Event-ID` to get what was missed, \
			then live ones. A comment line every 15 s keeps the connection open. Realtime clients can also use \
			STOMP over WebSocket at `/ws` (`/user/queue/notifications`). Each instance allows 100 open realtime \
			connections (SSE and WebSocket together) per client address and 10 per user; beyond that the answer \
			is `429` with problem type `too-many-connections`. A client that stops reading is dropped; it \
			reconnects with `Last-Event-ID`.""")
	@ApiResponse(responseCode = "200", description = "An endless `text/event-stream`", content = @io.swagger.v3.oas.annotations.media.Content(
			mediaType = "text/event-stream", schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string")))
	@GetMapping(path = "/api/notifications/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	void stream(@AuthenticationPrincipal CurrentUser user,
			@RequestHeader(name = "Last-Event-ID", required = false) String lastEventId, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		feed.stream(user.id(), request.getSession(false).getId(), lastEventId, request, response);
	}

}
