package dev.storefront.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * HTTP limits.
 *
 * @param maxRequestBody the largest request body accepted; bigger ones get 413
 * @param maxMultipartBody the largest {@code multipart/form-data} body (file uploads, which check
 * their own, smaller limits); bigger ones get 413
 */
@ConfigurationProperties("storefront.web")
record WebProperties(@DefaultValue("1MB") DataSize maxRequestBody, @DefaultValue("10MB") DataSize maxMultipartBody) {
}
