package dev.storefront.user;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.session.data.redis.RedisIndexedSessionRepository;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;
import org.springframework.session.web.http.HttpSessionIdResolver;
import org.springframework.session.web.http.SessionRepositoryFilter;

import dev.storefront.config.ClusterKeyevents;

/**
 * Spring Session on Redis: JSON values, id by cookie or {@code X-Auth-Token}, and a cookie that
 * browsers never send cross-site.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SessionStoreProperties.class)
class SessionConfiguration {

	/**
	 * Puts Spring Session's request filter on the {@link GuardedSessionRepository} (breaker, throttled
	 * touches, one session read per request). The guarded repository is no bean of its own: a second
	 * {@code SessionRepository} bean would switch Boot's session auto-configuration off.
	 */
	@Bean
	static BeanPostProcessor guardedSessionRepositoryFilter(ObjectProvider<RedisIndexedSessionRepository> sessions,
			ObjectProvider<SessionStoreBreaker> breaker, ObjectProvider<SessionStoreProperties> properties,
			ObjectProvider<HttpSessionIdResolver> ids) {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (!(bean instanceof SessionRepositoryFilter<?>)) {
					return bean;
				}
				SessionRepositoryFilter<?> guarded = new GuardedSessionRepositoryFilter(new GuardedSessionRepository(
						sessions.getObject(), breaker.getObject(), properties.getObject().touchThreshold()));
				guarded.setHttpSessionIdResolver(ids.getObject());
				return guarded;
			}
		};
	}

	@Bean
	RedisSerializer<Object> springSessionDefaultRedisSerializer() {
		return new SessionAttributeSerializer();
	}

	@Bean
	CookieSerializer sessionCookieSerializer(CookieProperties properties) {
		DefaultCookieSerializer cookies = new DefaultCookieSerializer();
		cookies.setCookieName("SESSION");
		cookies.setCookiePath("/");
		cookies.setUseHttpOnlyCookie(true);
		// Strict: the cookie never rides on a cross-site request (see docs/decisions/0002-csrf.md).
		cookies.setSameSite("Strict");
		// Otherwise Secure follows request.isSecure(): plain HTTP behind a TLS-terminating proxy (docs/security.md).
		if (properties.secureCookies()) {
			cookies.setUseSecureCookie(true);
		}
		return cookies;
	}

	@Bean
	HttpSessionIdResolver httpSessionIdResolver(CookieSerializer cookies) {
		return new TokenOrCookieSessionIdResolver(cookies);
	}

	/** On a Redis Cluster, session expiry events from every master (a no-op otherwise). */
	@Bean
	ClusterKeyevents clusterSessionEvents(RedisConnectionFactory factory, RedisIndexedSessionRepository sessions,
			@Qualifier("springSessionRedisMessageListenerContainer") RedisMessageListenerContainer container,
			@Qualifier("springSessionRedisTaskExecutor") ThreadPoolTaskExecutor executor) {
		return ClusterSessionEvents.subscribe(factory, sessions, container, executor);
	}

}
