package dev.storefront.user;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

@Component
class DatabaseUserDetailsService implements UserDetailsService {

	private final Users users;

	DatabaseUserDetailsService(Users users) {
		this.users = users;
	}

	@Override
	public UserDetails loadUserByUsername(String email) {
		UserEntity user = users.findByEmail(email).orElseThrow(() -> new UsernameNotFoundException("Unknown user"));
		return User.withUsername(user.getEmail())
			.password(user.getPasswordHash())
			.roles(user.getRoles().toArray(String[]::new))
			.build();
	}

}
