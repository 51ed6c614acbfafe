package dev.storefront.user;

import java.util.Locale;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional(readOnly = true)
class UserService {

	private final Users users;

	private final PasswordEncoder passwords;

	private final ApplicationEventPublisher events;

	UserService(Users users, PasswordEncoder passwords, ApplicationEventPublisher events) {
		this.users = users;
		this.passwords = passwords;
		this.events = events;
	}

	@Transactional
	UserResponse register(RegistrationRequest request) {
		String email = request.email().strip().toLowerCase(Locale.ROOT);
		if (users.existsByEmail(email)) {
			throw new EmailTaken();
		}
		UserResponse registered;
		try {
			registered = users.saveAndFlush(new UserEntity(email, passwords.encode(request.password()),
					request.name().strip(), Set.of("USER"))).toResponse();
		}
		catch (DataIntegrityViolationException ex) {
			// Two registrations raced past the check; the unique index decided.
			throw new EmailTaken();
		}
		events.publishEvent(UserRegistered.of(registered));
		return registered;
	}

	UserResponse find(long id) {
		return users.findById(id).map(UserEntity::toResponse).orElseThrow(() -> new IllegalStateException("User " + id + " vanished"));
	}

	@Transactional
	UserResponse rename(long id, String name) {
		UserEntity user = users.findById(id).orElseThrow(() -> new IllegalStateException("User " + id + " vanished"));
		user.rename(name.strip());
		return users.saveAndFlush(user).toResponse();
	}

}
