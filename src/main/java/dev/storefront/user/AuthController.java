package dev.storefront.user;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import dev.storefront.web.ApiAccess;
import dev.storefront.web.ApiAccess.Audience;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;

import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "auth")
@ApiAccess(Audience.ANYONE)
@RestController
@RequestMapping("/api/auth")
class AuthController {

	private final UserService userService;

	private final Users users;

	private final UserSessions sessions;

	private final AuthenticationManager authentication;

	AuthController(UserService userService, Users users, UserSessions sessions, AuthenticationManager authentication) {
		this.userService = userService;
		this.users = users;
		this.sessions = sessions;
		this.authentication = authentication;
	}

	@Operation(summary = "Register an account", requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
			examples = @ExampleObject(value = "{\"email\":\"me@example.com\",\"password\":\"secret123\",\"name\":\"Me\"}"))))
	@ApiResponse(responseCode = "201", description = "Registered; sign in next", headers = @Header(name = "Location", ref = "#/components/headers/Location"),
			content = @Content(schema = @Schema(implementation = UserResponse.class),
					examples = @ExampleObject(value = "{\"id\":7,\"email\":\"me@example.com\",\"name\":\"Me\",\"roles\":[\"USER\"]}")))
	@ApiResponse(responseCode = "409", description = "The email is taken")
	@PostMapping("/register")
	ResponseEntity<UserResponse> register(@Valid @RequestBody RegistrationRequest request) {
		UserResponse user = userService.register(request);
		return ResponseEntity.created(URI.create("/api/users/me")).body(user);
	}

	/**
	 * Checks the credentials (401 from the security entry point if wrong) and starts a new session.
	 * The session id goes out as the {@code SESSION} cookie and the {@code X-Auth-Token} header.
	 */
	@Operation(summary = "Sign in", description = """
			Starts a new session (a new id every time). The session goes out twice: the `SESSION` cookie \
			(HttpOnly, SameSite=Strict) for browsers, and the `X-Auth-Token` header for API clients. The \
			`XSRF-TOKEN` cookie carries the CSRF token for cookie-authenticated writes.""",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
					examples = @ExampleObject(value = "{\"email\":\"me@example.com\",\"password\":\"secret123\"}"))))
	@ApiResponse(responseCode = "200", description = "Signed in", headers = @Header(name = "X-Auth-Token",
			description = "The session token: send it as X-Auth-Token on later requests", schema = @Schema(type = "string")))
	@ApiResponse(responseCode = "401", description = "Email or password is wrong")
	@PostMapping("/login")
	UserResponse login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
		authentication.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(request.email().strip(),
				request.password()));
		UserEntity user = users.findByEmail(request.email().strip()).orElseThrow();
		sessions.bind(http, user);
		// Touch the CSRF token so its XSRF-TOKEN cookie goes out with the login response.
		if (http.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken csrf) {
			csrf.getToken();
		}
		return user.toResponse();
	}

	@Operation(summary = "Sign out", description = "Deletes the caller's session, if any.")
	@ApiResponse(responseCode = "204", description = "Signed out")
	@PostMapping("/logout")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void logout(HttpServletRequest http) {
		sessions.end(http);
	}

}
