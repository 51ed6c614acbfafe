package dev.storefront.user;

import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import dev.storefront.web.ApiAccess;
import dev.storefront.web.ApiAccess.Audience;

/** An administrator ends a user's sessions (ADMIN, by the {@code /api/admin/**} rule). */
@Tag(name = "users")
@ApiAccess(Audience.ADMIN)
@RestController
class AdminSessionController {

	private final UserSessions sessions;

	AdminSessionController(UserSessions sessions) {
		this.sessions = sessions;
	}

	@Operation(summary = "Close every session of a user", description = "On every instance (each one drops its cached copy, as for a user's own revocation). `closed` is how many there were; a user without sessions, or no such user, gives 0.")
	@DeleteMapping("/api/admin/users/{id}/sessions")
	Map<String, Long> closeAll(@PathVariable long id) {
		return Map.of("userId", id, "closed", (long) sessions.revokeAll(id));
	}

}
