package dev.storefront.user;

import java.util.Optional;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * How to reach a user: the read other modules (e.g. transactional mail) may use.
 */
@Component
public class UserContacts {

	private final Users users;

	UserContacts(Users users) {
		this.users = users;
	}

	@Transactional(readOnly = true)
	public Optional<Contact> find(long userId) {
		return users.findById(userId).map(UserEntity::toResponse).map(u -> new Contact(u.id(), u.email(), u.name()));
	}

	/**
	 * A user's address.
	 * @param id the user's id
	 * @param email where mail goes
	 * @param name how to greet them
	 */
	public record Contact(long id, String email, String name) {
	}

}
