package dev.storefront.web;

import java.io.IOException;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.catalina.Host;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Problem+json for the errors that never reach Spring MVC, so that a client never parses HTML or Boot's
 * {@code {timestamp,status,error,path}}:
 * <ul>
 * <li>Spring Security's firewall ({@code /api/products/1%3BDROP}): a {@link RequestRejectedHandler};</li>
 * <li>error dispatches to {@code /error} (a filter's {@code sendError}, an exception thrown past MVC): an
 * {@link ErrorController} in place of Boot's;</li>
 * <li>Tomcat's own rejections before any servlet ({@code %00}, {@code %2F}): {@link ProblemReportValve} as
 * the host's error report valve.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class PreMvcProblems {

	private static final Logger log = LoggerFactory.getLogger(PreMvcProblems.class);

	@Bean
	RequestRejectedHandler problemRequestRejectedHandler(ProblemWriter problems) {
		return (request, response, ex) -> {
			log.debug("Firewall rejected {}: {}", request.getRequestURI(), ex.getMessage());
			problems.write(request, response, Problems.of(HttpStatus.BAD_REQUEST, "The request URL is not allowed"));
		};
	}

	@Bean
	WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> problemReportValve() {
		return new ProblemValveCustomizer();
	}

	/** Runs after Boot's customizer, which installs its own HTML valve on the host. */
	static final class ProblemValveCustomizer
			implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

		@Override
		public void customize(ConfigurableTomcatWebServerFactory factory) {
			factory.addContextCustomizers(context -> {
				Host host = (Host) context.getParent();
				for (Valve valve : host.getPipeline().getValves()) {
					if (valve instanceof ErrorReportValve) {
						host.getPipeline().removeValve(valve);
					}
				}
				host.getPipeline().addValve(new ProblemReportValve());
				// Else the host adds Tomcat's HTML valve when it starts, because none of its class is there.
				if (host instanceof StandardHost standard) {
					standard.setErrorReportValveClass(ProblemReportValve.class.getName());
				}
			});
		}

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

	}

	/**
	 * {@code /error}: the status the container recorded, fixed words, never the exception's message.
	 */
	@Controller
	static class ProblemErrorController implements ErrorController {

		private final ProblemWriter problems;

		ProblemErrorController(ProblemWriter problems) {
			this.problems = problems;
		}

		@RequestMapping("${server.error.path:${error.path:/error}}")
		void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
			Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
			HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
					&& value >= 400 ? HttpStatus.valueOf(value) : HttpStatus.NOT_FOUND;
			String detail = status.is5xxServerError() ? "An unexpected error occurred" : status.getReasonPhrase();
			response.resetBuffer();
			ProblemDetail problem = Problems.of(status, detail);
			if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String original) {
				problem.setInstance(ProblemWriter.instance(original));
			}
			problems.write(request, response, problem);
		}

	}

}
