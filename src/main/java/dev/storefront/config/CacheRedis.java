package dev.storefront.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Qualifies the {@code RedisConnectionFactory} of the cache Redis ({@code storefront.redis.cache.*}):
 * the L2 cache, its tags and the invalidation pub/sub. An unqualified {@code RedisConnectionFactory}
 * is the state Redis; the cache factory is never injected by type alone, so Spring Session, the health
 * check and every other module keep the state Redis.
 */
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Qualifier
public @interface CacheRedis {

}
