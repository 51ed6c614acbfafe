package dev.storefront.views;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts a view for every successful {@code GET /api/products/{id}} (200 or 304). Unique visitors are
 * the analytics module's job ({@code UniqueVisitors}); this filter only counts.
 */
final class ViewCountingFilter extends OncePerRequestFilter {

	private static final Pattern PRODUCT = Pattern.compile("/api/products/(\\d{1,18})");

	private final ViewRecorder recorder;

	ViewCountingFilter(ViewRecorder recorder) {
		this.recorder = recorder;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"GET".equals(request.getMethod()) || !request.getRequestURI().startsWith("/api/products/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		chain.doFilter(request, response);
		Matcher matcher = PRODUCT.matcher(request.getRequestURI());
		int status = response.getStatus();
		if (matcher.matches() && (status == 200 || status == 304)) {
			recorder.record(Long.parseLong(matcher.group(1)));
		}
	}

}
