package dev.storefront.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The one shared application context of the integration tests: the real app on a random port, on
 * {@link DevServices}, with an {@link Api} client of it to autowire. Keep the configuration identical
 * across tests so Spring caches one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({ DevServices.class, ApiConfiguration.class })
@ActiveProfiles("test")
public @interface IntegrationTest {
}
