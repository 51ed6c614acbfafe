package dev.storefront.user;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import dev.storefront.web.ApiAccess;
import dev.storefront.web.ApiAccess.Audience;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.storefront.user.UserSessions.SessionInfo;

@Tag(name = "users")
@ApiAccess(Audience.USER)
@RestController
@RequestMapping("/api/users/me")
class UserController {

	private final UserService users;

	private final UserSessions sessions;

	UserController(UserService users, UserSessions sessions) {
		this.users = users;
		this.sessions = sessions;
	}

	@Operation(summary = "Get the signed-in user")
	@GetMapping
	UserResponse me(@AuthenticationPrincipal CurrentUser user) {
		return users.find(user.id());
	}

	@Operation(summary = "Update the signed-in user's profile")
	@PatchMapping
	UserResponse update(@AuthenticationPrincipal CurrentUser user, @Valid @RequestBody ProfileUpdate update) {
		return users.rename(user.id(), update.name());
	}

	@Operation(summary = "List the signed-in user's sessions", description = "Each session has an opaque `handle`; `current` marks the caller's.")
	@GetMapping("/sessions")
	List<SessionInfo> sessions(@AuthenticationPrincipal CurrentUser user, HttpServletRequest request) {
		return sessions.list(user.id(), currentSessionId(request));
	}

	@Operation(summary = "Revoke one session")
	@ApiResponse(responseCode = "204", description = "Revoked")
	@DeleteMapping("/sessions/{handle}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void revoke(@AuthenticationPrincipal CurrentUser user, @PathVariable String handle) {
		sessions.revoke(user.id(), handle);
	}

	/** "Log out everywhere else": every session of the caller except this one. */
	@Operation(summary = "Revoke every other session", description = "Signs out everywhere except the calling session.")
	@ApiResponse(responseCode = "204", description = "Revoked")
	@DeleteMapping("/sessions")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void revokeOthers(@AuthenticationPrincipal CurrentUser user, HttpServletRequest request) {
		sessions.revokeOthers(user.id(), currentSessionId(request));
	}

	private static String currentSessionId(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		return session == null ? "" : session.getId();
	}

}
