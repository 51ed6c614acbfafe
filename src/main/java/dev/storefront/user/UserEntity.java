package dev.storefront.user;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

@Entity
@Table(name = "users")
class UserEntity {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String email;

	@Column(name = "password_hash")
	private String passwordHash;

	private String name;

	/** Comma-separated role names, e.g. {@code USER,ADMIN}. */
	private String roles;

	@Column(name = "created_at")
	private Instant createdAt;

	@Column(name = "updated_at")
	private Instant updatedAt;

	@Version
	private long version;

	protected UserEntity() {
	}

	UserEntity(String email, String passwordHash, String name, Set<String> roles) {
		this.email = email;
		this.passwordHash = passwordHash;
		this.name = name;
		this.roles = String.join(",", roles);
	}

	@PrePersist
	void onCreate() {
		createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS); // PostgreSQL keeps microseconds
		updatedAt = createdAt;
	}

	@PreUpdate
	void onUpdate() {
		updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS); // PostgreSQL keeps microseconds
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
