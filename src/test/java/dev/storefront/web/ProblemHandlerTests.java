package dev.storefront.web;

import org.junit.jupiter.api.Test;

import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * An {@link IllegalArgumentException} is a bug in our code, not a client mistake: 500 without its message.
 */
class ProblemHandlerTests {

	private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Thrower())
		.setControllerAdvice(new ProblemHandler())
		.build();

	@Test
	void anIllegalArgumentIsA500AndItsMessageStaysInTheLog() throws Exception {
		mvc.perform(get("/bug"))
			.andExpect(status().isInternalServerError())
			.andExpect(jsonPath("$.detail").value("An unexpected error occurred"));
	}

	@Test
	void anInvalidRequestIsA400WithItsOwnType() throws Exception {
		mvc.perform(get("/input"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("https://storefront.dev/problems/invalid-request"))
			.andExpect(jsonPath("$.detail").value("from must not be after to"));
	}

	@RestController
	static class Thrower {

		@GetMapping("/bug")
		String bug() {
			throw new IllegalArgumentException("No cache named internal-thing");
		}

		@GetMapping("/input")
		String input() {
			throw new InvalidRequest("from must not be after to");
		}

	}

}
