package dev.storefront.persistence;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Version;

/**
 * Base of the entities: {@code created_at} and {@code updated_at} set on insert and update, and the
 * {@code version} column that makes concurrent updates fail instead of overwriting each other.
 */
@MappedSuperclass
public abstract class AuditedEntity {

	@Column(name = "created_at")
	private Instant createdAt;

	@Column(name = "updated_at")
	private Instant updatedAt;

	@Version
	private long version;

	/** Now, at the precision PostgreSQL keeps (microseconds), so a reloaded entity equals the saved one. */
	public static Instant now() {
		return Instant.now().truncatedTo(ChronoUnit.MICROS);
	}

	@PrePersist
	protected void onCreate() {
		createdAt = now();
		updatedAt = createdAt;
	}

	@PreUpdate
	protected void onUpdate() {
		updatedAt = now();
	}

	/** Marks the row changed (new update time, so a new version) when something shown with it changed. */
	protected void markChanged() {
		updatedAt = now();
	}

	protected Instant createdAt() {
		return createdAt;
	}

	protected Instant updatedAt() {
		return updatedAt;
	}

	protected long version() {
		return version;
	}

}
