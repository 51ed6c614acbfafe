package dev.storefront.jobs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jobs scripts take every fixed key of a queue as {@code KEYS}: Redis checks declared keys before the
 * script runs (a Cluster slot migration then refuses the whole script instead of aborting it halfway). Only
 * per-job keys whose ids come up inside a script (popped or trimmed ids) may be derived from the prefix.
 */
class JobScriptKeysTests {

	private static final List<String> SCRIPTS = List.of("common", "add", "check-stalled", "clean", "extend-lease",
			"finish", "log", "move-to-active", "progress", "remove", "retry");

	/** A key or channel built from the prefix: {@code P .. <anything>}. */
	private static final Pattern DERIVED = Pattern.compile("\\bP\\s*\\.\\.\\s*('[^']*'|[A-Za-z_][A-Za-z_0-9]*)");

	/** What may still be derived: the per-job hash and log, and the events channel (not a key). */
	private static final List<String> ALLOWED = List.of("'job:'", "'logs:'", "'events'");

	@Test
	void scriptsBuildNoFixedQueueKeyFromThePrefix() throws IOException {
		List<String> offences = new ArrayList<>();
		for (String name : SCRIPTS) {
			Matcher derived = DERIVED.matcher(code(name));
			while (derived.find()) {
				if (!ALLOWED.contains(derived.group(1))) {
					offences.add(name + ".lua: " + derived.group());
				}
			}
		}
		assertThat(offences).isEmpty();
	}

	@Test
	void commonNamesTheFixedKeysInTheOrderJobKeysDeclaresThem() throws IOException {
		Matcher declared = Pattern.compile("(\\w+) = KEYS\\[(\\d+)\\]").matcher(code("common"));
		List<String> names = new ArrayList<>();
		while (declared.find()) {
			assertThat(Integer.parseInt(declared.group(2))).isEqualTo(names.size() + 1);
			names.add(declared.group(1));
		}
		assertThat(names).isEqualTo(JobKeys.FIXED);
		assertThat(JobKeys.fixed("email")).hasSize(JobKeys.FIXED.size())
			.allSatisfy(key -> assertThat(key).startsWith("sf:q:{email}:"));
	}

	/** The script without its comments. */
	private static String code(String name) throws IOException {
		String lua = new ClassPathResource("scripts/jobs/" + name + ".lua").getContentAsString(StandardCharsets.UTF_8);
		return lua.replaceAll("--[^\\n]*", "");
	}

}
