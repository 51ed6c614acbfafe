package dev.storefront.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The docker compose stack, validated without Docker: every file it mounts or builds from exists, the
 * wiring holds (nginx publishes the API only, Prometheus scrapes the management port of each replica,
 * Grafana's dashboard uses the provisioned datasource), and {@code docker compose config} and
 * {@code promtool check config} accept the files. Without those tools the two checks are skipped (an
 * assumption, reported as skipped); CI installs them and fails on any skip ({@code .ci/check-skips}).
 */
class DeploymentFilesTests {

	private static final Path COMPOSE = Path.of("docker-compose.yml");

	@Test
	void composeHasTheWholeStack() throws IOException {
		assertThat(services().keySet()).contains("app-1", "app-2", "nginx", "postgres", "redis-state", "redis-cache",
				"prometheus", "grafana", "mailpit");
		assertThat(image("postgres")).isEqualTo("postgres:17");
	}

	@Test
	void everyFileTheStackMountsOrBuildsFromExists() throws IOException {
		List<String> mounted = new ArrayList<>();
		services().forEach((name, service) -> {
			for (Object volume : list(service.get("volumes"))) {
				String source = volume.toString().split(":")[0];
				if (source.startsWith("./")) {
					mounted.add(source);
				}
			}
		});
		assertThat(mounted).contains("./deploy/redis/redis.conf", "./deploy/redis/redis-cache.conf",
				"./deploy/redis/users.acl", "./deploy/nginx/nginx.conf", "./deploy/prometheus/prometheus.yml",
				"./deploy/grafana/provisioning", "./deploy/grafana/dashboards");
		assertThat(mounted).allSatisfy(source -> assertThat(Path.of(source)).exists());
		assertThat(Path.of("Dockerfile")).exists();
		for (String line : Files.readAllLines(Path.of("Dockerfile"))) {
			if (line.startsWith("COPY ") && !line.contains("--from")) {
				String[] parts = line.split("\\s+");
				for (int i = 1; i < parts.length - 1; i++) {
					assertThat(Path.of(parts[i])).as("Dockerfile: " + line).exists();
				}
			}
		}
	}

	@Test
	void onlyNginxPublishesTheApiAndTheAppsTrustOnlyIt() throws IOException {
		Map<String, Map<String, Object>> services = services();
		assertThat(list(services.get("nginx").get("ports"))).containsExactly("8080:8080");
		assertThat(services.get("app-1")).doesNotContainKey("ports");
		assertThat(services.get("app-2")).doesNotContainKey("ports");
		String nginx = Files.readString(Path.of("deploy/nginx/nginx.conf"));
		assertThat(nginx).contains("server app-1:8080", "server app-2:8080", "proxy_set_header X-Forwarded-For $remote_addr")
			.doesNotContain("8081");
		Map<?, ?> edge = (Map<?, ?>) ((Map<?, ?>) services.get("nginx").get("networks")).get("edge");
		Map<?, ?> env = (Map<?, ?>) services.get("app-1").get("environment");
		assertThat(env.get("STOREFRONT_RATELIMIT_TRUSTEDPROXIES_0")).isEqualTo(edge.get("ipv4_address"));
		assertThat(env.get("MANAGEMENT_SERVER_PORT")).isEqualTo("8081");
		assertThat(env.get("STOREFRONT_REDIS_CONFIGUREKEYSPACEEVENTS")).isEqualTo("false");
		assertThat(env.get("SPRING_DATA_REDIS_URL").toString()).startsWith("redis://app:");
		// The merge key gives app-2 everything app-1 has, with its own demo-data switch.
		Map<?, ?> env2 = (Map<?, ?>) services.get("app-2").get("environment");
		assertThat(env2.get("SPRING_DATA_REDIS_URL")).isEqualTo(env.get("SPRING_DATA_REDIS_URL"));
		assertThat(env2.get("STOREFRONT_CATALOG_DEMO_PRODUCTS")).isEqualTo("0");
	}

	@Test
	void redisServicesRunTheirConfFilesWithTheAclUsers() throws IOException {
		for (String name : List.of("redis-state", "redis-cache")) {
			Map<String, Object> service = services().get(name);
			String conf = list(service.get("command")).get(1).toString();
			assertThat(list(service.get("volumes"))).anySatisfy(v -> assertThat(v.toString()).endsWith(":" + conf + ":ro"));
			String file = Path.of(conf).getFileName().toString();
			assertThat(Files.readString(Path.of("deploy/redis", file))).contains("aclfile /usr/local/etc/redis/users.acl");
			assertThat(list(service.get("volumes"))).contains("./deploy/redis/users.acl:/usr/local/etc/redis/users.acl:ro");
		}
		assertThat(Files.readString(Path.of("deploy/redis/users.acl"))).contains("user default off", "user health on");
	}

	@Test
	void prometheusScrapesEachReplicaOnItsManagementPort() throws IOException {
		Map<?, ?> prometheus = new Yaml().load(Files.readString(Path.of("deploy/prometheus/prometheus.yml")));
		Map<?, ?> job = (Map<?, ?>) list(prometheus.get("scrape_configs")).get(0);
		assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
		Map<?, ?> targets = (Map<?, ?>) list(job.get("static_configs")).get(0);
		assertThat(list(targets.get("targets"))).containsExactly("app-1:8081", "app-2:8081");
		assertThat(services()).containsKeys("app-1", "app-2");
	}

	@Test
	void grafanaProvisionsTheDatasourceTheDashboardUses() throws IOException {
		Map<?, ?> datasources = new Yaml()
			.load(Files.readString(Path.of("deploy/grafana/provisioning/datasources/prometheus.yml")));
		Map<?, ?> datasource = (Map<?, ?>) list(datasources.get("datasources")).get(0);
		assertThat(datasource.get("url")).isEqualTo("http://prometheus:9090");
		JsonNode dashboard = dashboard();
		assertThat(dashboard.get("panels").size()).isGreaterThan(10);
		for (JsonNode panel : dashboard.get("panels")) {
			if (panel.has("targets")) {
				assertThat(panel.get("datasource").get("uid").asString()).isEqualTo(datasource.get("uid"));
			}
		}
		Map<?, ?> providers = new Yaml()
			.load(Files.readString(Path.of("deploy/grafana/provisioning/dashboards/storefront.yml")));
		Map<?, ?> options = (Map<?, ?>) ((Map<?, ?>) list(providers.get("providers")).get(0)).get("options");
		assertThat(list(services().get("grafana").get("volumes")))
			.contains("./deploy/grafana/dashboards:" + options.get("path") + ":ro");
	}

	@Test
	void dockerComposeAcceptsTheFile() throws Exception {
		List<String> compose = composeCommand();
		assumeTrue(compose != null,
				"neither `docker compose` nor `docker-compose` is installed (.ci/run installs Debian's docker-compose)");
		List<String> command = new ArrayList<>(compose);
		command.addAll(List.of("-f", COMPOSE.toString(), "config", "-q"));
		ProcessBuilder config = new ProcessBuilder(command).redirectErrorStream(true);
		config.environment().put("STOREFRONT_ADMIN_PASSWORD", "validation-only");
		Process process = config.start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
	}

	@Test
	void promtoolAcceptsThePrometheusConfig() throws Exception {
		assumeTrue(runs("promtool", "--version"),
				"promtool is not installed (Debian package prometheus; .ci/run installs it)");
		Process process = new ProcessBuilder("promtool", "check", "config", "deploy/prometheus/prometheus.yml")
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor()).as(output).isZero();
	}

	static JsonNode dashboard() throws IOException {
		return JsonMapper.builder().build().readTree(Files.readString(Path.of("deploy/grafana/dashboards/storefront.json")));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Map<String, Object>> services() throws IOException {
		Map<String, Object> compose = new Yaml().load(Files.readString(COMPOSE));
		return (Map<String, Map<String, Object>>) compose.get("services");
	}

	private static String image(String service) throws IOException {
		return services().get(service).get("image").toString();
	}

	@SuppressWarnings("unchecked")
	private static List<Object> list(Object value) {
		return value == null ? List.of() : (List<Object>) value;
	}

	/** {@code docker compose} (the plugin) where it works, else Debian's standalone {@code docker-compose}. */
	private static List<String> composeCommand() {
		if (runs("docker", "compose", "version")) {
			return List.of("docker", "compose");
		}
		return runs("docker-compose", "version") ? List.of("docker-compose") : null;
	}

	private static boolean runs(String... command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			process.getInputStream().readAllBytes();
			return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
