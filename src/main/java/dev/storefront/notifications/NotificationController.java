package dev.storefront.notifications;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.storefront.user.CurrentUser;

@RestController
class NotificationController {

	private final NotificationFeed feed;

	NotificationController(NotificationFeed feed) {
		this.feed = feed;
	}

	/** The caller's recent notifications after {@code after} (all kept, up to a page), oldest first. */
	@GetMapping("/api/notifications")
	List<Notification> history(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(required = false) String after) {
		return feed.history(user.id(), after);
	}

	/** The administrators' notifications ({@code stock.low}); ADMIN by the {@code /api/admin/**} rule. */
	@GetMapping("/api/admin/notifications")
	List<Notification> adminHistory(@RequestParam(required = false) String after) {
		return feed.adminHistory(after);
	}

	/** Live notifications; {@code Last-Event-ID} replays the ones after it first. */
	@GetMapping(path = "/api/notifications/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter stream(@AuthenticationPrincipal CurrentUser user,
			@RequestHeader(name = "Last-Event-ID", required = false) String lastEventId, HttpServletRequest request) {
		return feed.stream(user.id(), request.getSession(false).getId(), lastEventId);
	}

}
