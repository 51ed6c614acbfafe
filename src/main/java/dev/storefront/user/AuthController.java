package dev.storefront.user;

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

	@PostMapping("/register")
	ResponseEntity<UserResponse> register(@Valid @RequestBody RegistrationRequest request) {
		UserResponse user = userService.register(request);
		return ResponseEntity.created(URI.create("/api/users/me")).body(user);
	}

	/**
	 * Checks the credentials (401 from the security entry point if wrong) and starts a new session.
	 * The session id goes out as the {@code SESSION} cookie and the {@code X-Auth-Token} header.
	 */
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

	@PostMapping("/logout")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void logout(HttpServletRequest http) {
		sessions.end(http);
	}

}
