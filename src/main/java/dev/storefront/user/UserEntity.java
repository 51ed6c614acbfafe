package dev.storefront.user;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dev.storefront.persistence.AuditedEntity;

@Entity
@Table(name = "users")
class UserEntity extends AuditedEntity {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String email;

	@Column(name = "password_hash")
	private String passwordHash;

	private String name;

	/** Comma-separated role names, e.g. {@code USER,ADMIN}. */
	private String roles;

	protected UserEntity() {
	}

	UserEntity(String email, String passwordHash, String name, Set<String> roles) {
		this.email = email;
		this.passwordHash = passwordHash;
		this.name = name;
		this.roles = String.join(",", roles);
	}

	Long getId() {
		return id;
	}

	String getEmail() {
		return email;
	}

	String getPasswordHash() {
		return passwordHash;
	}

	Set<String> getRoles() {
		return new LinkedHashSet<>(Arrays.asList(roles.split(",")));
	}

	void rename(String name) {
		this.name = name;
	}

	void grant(String role) {
		Set<String> current = getRoles();
		current.add(role);
		this.roles = String.join(",", current);
	}

	UserResponse toResponse() {
		return new UserResponse(id, email, name, getRoles());
	}

}
