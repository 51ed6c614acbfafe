package dev.storefront.user;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface Users extends JpaRepository<UserEntity, Long> {

	@Query("select u from UserEntity u where lower(u.email) = lower(:email)")
	Optional<UserEntity> findByEmail(String email);

	@Query("select count(u) > 0 from UserEntity u where lower(u.email) = lower(:email)")
	boolean existsByEmail(String email);

}
