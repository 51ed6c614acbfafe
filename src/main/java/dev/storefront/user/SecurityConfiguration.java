package dev.storefront.user;

import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.util.WebUtils;

import dev.storefront.web.ProblemWriter;
import dev.storefront.web.Problems;

/**
 * Who may call what. Catalog reads are public, writes need ADMIN; everything else under
 * {@code /api} needs a login. Health and info are public, the other actuator endpoints need ADMIN.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

	@Bean
	SecurityFilterChain api(HttpSecurity http, ProblemWriter problems, CookieProperties cookies, Environment environment,
			SessionStoreBreaker sessionStore)
			throws Exception {
		http.authorizeHttpRequests(auth -> auth
			.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
			.requestMatchers(prometheusScrapeOnManagementPort(environment)).permitAll()
			.requestMatchers("/actuator/**").hasRole("ADMIN")
			.requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll()
			.requestMatchers("/api/auth/**").permitAll()
			.requestMatchers(HttpMethod.GET, "/api/categories", "/api/categories/**", "/api/products",
					"/api/products/**")
			.permitAll()
			// Originals keep the upload's EXIF (location, camera, author): administrators only.
			.requestMatchers(HttpMethod.GET, "/api/images/*/original").hasRole("ADMIN")
			.requestMatchers(HttpMethod.GET, "/api/images/**").permitAll()
			.requestMatchers("/api/categories/**", "/api/categories", "/api/products", "/api/products/**",
					"/api/admin/**")
			.hasRole("ADMIN")
			.requestMatchers("/api/**").authenticated()
			.anyRequest().permitAll());
		// Identity lives in a few session attributes; only logins create sessions.
		http.securityContext(context -> context.securityContextRepository(new SessionSecurityContextRepository()));
		http.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.NEVER));
		http.requestCache(cache -> cache.disable());
		http.formLogin(form -> form.disable());
		http.httpBasic(basic -> basic.disable());
		http.logout(logout -> logout.disable());
		http.anonymous(anonymous -> anonymous.principal("anonymous"));
		http.csrf(csrf -> csrf.csrfTokenRepository(csrfTokens(cookies))
			.csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
			.requireCsrfProtectionMatcher(cookieAuthenticatedWrite()));
		http.exceptionHandling(errors -> errors
			.authenticationEntryPoint((request, response, ex) -> {
				if (SessionDegradation.isDegraded(request)) {
					// The caller sent a session we could not read: "log in" would be the wrong advice.
					response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(sessionStore.retryAfter().toSeconds()));
					problems.write(request, response, Problems.of(HttpStatus.SERVICE_UNAVAILABLE,
							"session-store-unavailable", "Sessions cannot be read right now; retry shortly"));
					return;
				}
				problems.write(request, response, HttpStatus.UNAUTHORIZED,
						"Authentication required: log in and send the SESSION cookie or X-Auth-Token");
			})
			.accessDeniedHandler((request, response, ex) -> problems.write(request, response, HttpStatus.FORBIDDEN,
					ex instanceof CsrfException
							? "Missing or invalid CSRF token: echo the XSRF-TOKEN cookie in the X-XSRF-TOKEN header"
							: "You are not allowed to do this")));
		return http.build();
	}

	/**
	 * Prometheus scrapes without a login, but only on a separate management port
	 * ({@code management.server.port}), which no proxy publishes (docs/deployment.md). On the API port,
	 * or without a management port, {@code /actuator/prometheus} still needs ADMIN.
	 */
	static RequestMatcher prometheusScrapeOnManagementPort(Environment environment) {
		return (HttpServletRequest request) -> {
			// The path first: every request passes this matcher, and an Environment lookup walks all
			// property sources (about 6% of a hot product read's CPU samples, with lock contention).
			if (!"/actuator/prometheus".equals(request.getRequestURI())) {
				return false;
			}
			Integer managementPort = environment.getProperty("local.management.port", Integer.class);
			Integer serverPort = environment.getProperty("local.server.port", Integer.class);
			return managementPort != null && !managementPort.equals(serverPort)
					&& request.getLocalPort() == managementPort;
		};
	}

	/**
	 * CSRF only threatens requests that a browser authenticates on its own, i.e. by cookie. A request
	 * that carries {@code X-Auth-Token} cannot be forged cross-site (custom headers need a CORS
	 * preflight that we never grant), and one without a session cookie has no authority to abuse.
	 */
	static RequestMatcher cookieAuthenticatedWrite() {
		return (HttpServletRequest request) -> !SAFE_METHODS.contains(request.getMethod())
				&& !TokenOrCookieSessionIdResolver.usesToken(request)
				&& WebUtils.getCookie(request, "SESSION") != null;
	}

	private static CookieCsrfTokenRepository csrfTokens(CookieProperties cookies) {
		CookieCsrfTokenRepository tokens = CookieCsrfTokenRepository.withHttpOnlyFalse();
		if (cookies.secureCookies()) {
			tokens.setCookieCustomizer(cookie -> cookie.secure(true));
		}
		return tokens;
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	AuthenticationManager authenticationManager(DatabaseUserDetailsService users, PasswordEncoder passwords) {
		DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
		provider.setPasswordEncoder(passwords);
		return new ProviderManager(provider);
	}

}
