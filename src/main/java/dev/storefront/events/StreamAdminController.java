package dev.storefront.events;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import dev.storefront.web.ApiAccess;
import dev.storefront.web.ApiAccess.Audience;

import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators' view of the event streams (ADMIN, as everything under {@code /api/admin}). While Redis is
 * unreachable every endpoint answers 503 with {@code Retry-After} ({@link StreamsUnavailable}).
 */
@Tag(name = "events")
@ApiAccess(Audience.ADMIN)
@RestController
@RequestMapping("/api/admin/streams")
class StreamAdminController {

	private final StreamAdmin admin;

	private final DeadLetters deadLetters;

	StreamAdminController(StreamAdmin admin, DeadLetters deadLetters) {
		this.admin = admin;
		this.deadLetters = deadLetters;
	}

	/** {@code sf:events} and {@code sf:events:dlq}: length, first and last id, groups and consumers. */
	@Operation(summary = "Describe the event streams", description = "Per stream (`sf:events`, `sf:events:dlq`): length, first and last id, and per consumer group its consumers, pending entries, lag and last-delivered id.")
	@GetMapping
	Map<String, List<StreamAdmin.StreamView>> streams() {
		return Map.of("streams", StreamsUnavailable.guard(admin::streams));
	}

	/** History of {@code sf:events} after an id (exclusive); newest first with {@code reverse=true}. */
	@Operation(summary = "Read the event history", description = "Entries after `after` (exclusive), oldest first, or newest first with `reverse=true`; at most 500. `next` is the cursor for the following page.")
	@GetMapping("/events")
	Page events(@RequestParam(required = false) String after,
			@RequestParam(defaultValue = "50") @Min(1) @Max(StreamAdmin.MAX_PAGE) int count,
			@RequestParam(defaultValue = "false") boolean reverse) {
		return Page.of(StreamsUnavailable.guard(() -> admin.history(after, count, reverse)));
	}

	/** The newest dead letters, newest first. */
	@Operation(summary = "List dead letters", description = "Entries that failed `max-deliveries` times or could not be parsed, with their group, error and delivery count.")
	@GetMapping("/dlq")
	Page deadLetters(@RequestParam(defaultValue = "50") @Min(1) @Max(StreamAdmin.MAX_PAGE) int count) {
		return Page.of(StreamAdmin.entries(StreamsUnavailable.guard(() -> deadLetters.newest(count))));
	}

	/** Puts a dead letter back on {@code sf:events} and removes it from the DLQ. */
	@Operation(summary = "Replay a dead letter", description = "Adds the original event to `sf:events` again and removes the dead letter.")
	@PostMapping("/dlq/{id}/replay")
	Map<String, String> replay(@PathVariable String id) {
		return Map.of("id", id, "replayedAs", StreamsUnavailable.guard(() -> deadLetters.replay(id)).toString());
	}

	@Operation(summary = "Delete a dead letter")
	@ApiResponse(responseCode = "204", description = "Deleted")
	@DeleteMapping("/dlq/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable String id) {
		StreamsUnavailable.guard(() -> {
			deadLetters.delete(id);
			return null;
		});
	}

	/** A page of entries and the id to continue after ({@code null} on an empty page). */
	record Page(List<StreamAdmin.Entry> entries, String next) {

		static Page of(List<StreamAdmin.Entry> entries) {
			return new Page(entries, entries.isEmpty() ? null : entries.get(entries.size() - 1).id());
		}

	}

}
