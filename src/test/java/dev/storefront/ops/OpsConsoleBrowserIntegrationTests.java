package dev.storefront.ops;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.storefront.support.Api;
import dev.storefront.support.IntegrationTest;
import dev.storefront.support.ProductFixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operations console in a real browser: Debian's chromium driven through Debian's chromedriver (no
 * Selenium Manager, nothing downloaded), one browser for every test of the class, on the shared context.
 * Skips loudly when chromium is missing ({@code .ci/run} installs it, and CI fails on the skip).
 * {@code -Dops.screenshot=docs/ops-console.png} also saves the README's screenshot
 * ({@code bench/ops-screenshot.sh}).
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpsConsoleBrowserIntegrationTests {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final Duration WAIT = Duration.ofSeconds(20);

	@LocalServerPort
	int port;

	@Autowired
	Api api;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	JsonMapper json;

	private ChromeDriver browser;

	@BeforeAll
	void startBrowser() {
		Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
				"Debian's chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)");
		System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1600,2400",
				"--disable-gpu", "--no-first-run", "--user-data-dir=" + new File("target/chromium-profile").getAbsolutePath());
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, Level.ALL);
		options.setCapability("goog:loggingPrefs", logs);
		browser = new ChromeDriver(service, options);
		browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
	}

	@AfterAll
	void stopBrowser() throws Exception {
		if (browser != null) {
			try {
				screenshotIfAsked();
			}
			finally {
				browser.quit();
			}
		}
	}

	@BeforeEach
	void freshPage() {
		// A page without script first, so no console of the last test calls the API after its cookies are gone.
		browser.get(url("/ops/ops.css"));
		browser.manage().deleteAllCookies();
		browser.executeScript("sessionStorage.clear()");
		browser.manage().logs().get(LogType.BROWSER);
		browser.get(url("/ops"));
	}

	/** No test may leave a console error or an uncaught script error behind. */
	@AfterEach
	void noConsoleErrors() {
		List<String> errors = new ArrayList<>();
		for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
			// Chromium asks for /favicon.ico on the script-free page the tests reset on; the console has its own icon.
			if (entry.getLevel().intValue() >= Level.SEVERE.intValue() && !entry.getMessage().contains("/favicon.ico")) {
				errors.add(entry.getMessage());
			}
		}
		Object scriptErrors = browser.executeScript("return window.opsErrors || []");
		assertThat(errors).as("browser console errors").isEmpty();
		assertThat((List<?>) scriptErrors).as("uncaught script errors").isEmpty();
	}

	@Test
	void anAdministratorSignsInWithTheKeyboardAndEveryControlIsLabelledAndReachable() throws Exception {
		assertThat(browser.findElement(By.id("signin-panel")).isDisplayed()).isTrue();
		assertThat(browser.findElement(By.id("console")).isDisplayed()).isFalse();

		signInAsAdmin();

		assertThat(unlabelledControls()).as("controls without a label").isEmpty();
		List<String> reached = tabThrough(80);
		assertThat(reached).contains("evict-cache", "evict-key", "evict-entry", "evict-tag", "invalidate-tag",
				"load-patterns", "load-dlq", "session-user", "close-sessions", "signout");
		assertThat(reached).anyMatch(label -> label.startsWith("Clear the whole cache"))
			.anyMatch(label -> label.startsWith("Retry every failed job of"));
	}

	@Test
	void theCachePanelsHitRatioMovesAfterABurstOfReads() {
		long product = new ProductFixtures(api).product("9.99", 5);
		signInAsAdmin();
		api.get("/api/products/" + product).send().expect(200);
		String before = cacheCell("product", "recent-hit-ratio");
		for (int i = 0; i < 200; i++) {
			api.get("/api/products/" + product).send().expect(200);
		}
		await().atMost(WAIT).untilAsserted(() -> {
			String after = cacheCell("product", "recent-hit-ratio");
			assertThat(after).isNotEqualTo(before);
			assertThat(percent(after)).isGreaterThanOrEqualTo(90.0);
		});
	}

	@Test
	void aQueuedJobIsSeenMovingFromWaitingToCompleted() {
		Api.Session admin = api.admin();
		signInAsAdmin();
		String queue = "email-welcome";
		long completedBefore = number(queueCell(queue, "completed-here"));
		api.post("/api/admin/queues/" + queue + "/pause", null).as(admin).send().expect(200);
		try {
			api.newUser(); // its welcome mail waits in the paused queue
			await().atMost(WAIT).until(() -> number(queueCell(queue, "waiting")) >= 1);
		}
		finally {
			api.post("/api/admin/queues/" + queue + "/resume", null).as(admin).send().expect(200);
		}
		await().atMost(WAIT).until(() -> number(queueCell(queue, "waiting")) == 0
				&& number(queueCell(queue, "completed-here")) > completedBefore);
	}

	@Test
	void aDeadLetterReplayedFromThePageIsHandledByEveryGroup() {
		UUID eventId = UUID.randomUUID();
		Map<String, String> event = new LinkedHashMap<>();
		event.put("eventId", eventId.toString());
		event.put("type", "OpsConsoleProbe");
		event.put("occurredAt", "2026-12-06T00:00:00Z");
		event.put("aggregateId", "probe");
		event.put("payload", "{}");
		Map<String, String> letter = Map.of("group", "notifications", "error", "probe failure", "deliveries", "5",
				"sourceId", "1-1", "entry", json.writeValueAsString(event));
		RecordId letterId = redis.opsForStream()
			.add(StreamRecords.newRecord().in("sf:events:dlq").ofMap(letter));
		List<String> groups = redis.opsForStream().groups("sf:events").stream().map(g -> g.groupName()).toList();
		assertThat(groups).isNotEmpty();

		signInAsAdmin();
		browser.findElement(By.id("load-dlq")).click();
		By entry = By.cssSelector("#dlq li[data-id='" + letterId.getValue() + "']");
		await().atMost(WAIT).until(() -> !browser.findElements(entry).isEmpty());
		await().atMost(WAIT).ignoreException(StaleElementReferenceException.class).until(() -> {
			browser.findElement(entry).findElement(By.xpath(".//button[text()='Replay']")).click();
			return true;
		});
		confirm();

		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(browser.findElement(By.id("action-result")).getText()).contains("Replayed as");
			assertThat(browser.findElements(entry)).isEmpty();
		});
		List<MapRecord<String, Object, Object>> stillDead = redis.opsForStream()
			.range("sf:events:dlq", org.springframework.data.domain.Range.closed(letterId.getValue(), letterId.getValue()));
		assertThat(stillDead).isEmpty();
		await().atMost(WAIT).untilAsserted(() -> {
			for (String group : groups) {
				assertThat(redis.hasKey("sf:events:handled:" + group + ":" + eventId)).as("handled by " + group).isTrue();
			}
		});
	}

	@Test
	void aPaidOrderShowsUpInTheNotificationsPanelWithinTwoSeconds() {
		Api.Session customer = api.newUser();
		long product = new ProductFixtures(api).product("4.20", 5);
		long order = api.post("/api/orders", Map.of("items", List.of(Map.of("productId", product, "quantity", 1))))
			.as(customer)
			.send()
			.expect(201)
			.json()
			.get("id")
			.asLong();
		signInAsAdmin();
		long before = confirmedNotifications();
		api.post("/api/orders/" + order + "/pay", null).as(customer).send().expect(200);
		await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(100))
			.until(() -> confirmedNotifications() > before);
	}

	@Test
	void aNonAdministratorGetsTheSignInPageAndNeverData() {
		Api.Session user = api.newUser();
		signIn(user.email(), "password123");
		await().atMost(WAIT).until(() -> browser.findElement(By.id("signin-error")).getText().contains("not an administrator"));
		assertThat(browser.findElement(By.id("console")).isDisplayed()).isFalse();
		assertThat(browser.findElements(By.cssSelector("#console tbody tr, #console li, #console dd"))).isEmpty();
		// Straight to the data with the user's cookie: refused.
		Object status = browser.executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				fetch('/api/admin/ops/snapshot', { credentials: 'same-origin' }).then(r => done(r.status));""");
		assertThat(((Number) status).intValue()).isEqualTo(403);
		browser.manage().logs().get(LogType.BROWSER); // that refused fetch is logged on purpose: drop it
	}

	// ---- helpers ----------------------------------------------------------------------------------

	private void signInAsAdmin() {
		signIn("admin@storefront.test", "admin-password-for-tests");
		await().atMost(WAIT).until(() -> browser.findElement(By.id("console")).isDisplayed()
				&& browser.findElement(By.id("status")).getText().startsWith("Live"));
	}

	/** Types the credentials and submits with Enter, as a keyboard user would. */
	private void signIn(String email, String password) {
		WebElement field = browser.findElement(By.id("email"));
		field.clear();
		field.sendKeys(email);
		WebElement secret = browser.findElement(By.id("password"));
		secret.clear();
		secret.sendKeys(password, Keys.ENTER);
	}

	private void confirm() {
		await().atMost(WAIT).until(() -> browser.findElement(By.id("confirm")).isDisplayed());
		browser.findElement(By.id("confirm-ok")).click();
	}

	private long confirmedNotifications() {
		List<WebElement> rows = browser.findElements(By.cssSelector("#notifications tr[data-key='order.confirmed'] .count"));
		return rows.isEmpty() ? 0 : number(rows.get(0).getText());
	}

	private String cacheCell(String cache, String cellClass) {
		return cell("caches", cache, cellClass);
	}

	private String queueCell(String queue, String cellClass) {
		return cell("queues", queue, cellClass);
	}

	/** A cell's text, looked up afresh: the page updates its rows in place every second. */
	private String cell(String table, String key, String cellClass) {
		By cell = By.cssSelector("#" + table + " tbody tr[data-key='" + key + "'] td." + cellClass);
		await().atMost(WAIT).until(() -> !browser.findElements(cell).isEmpty());
		return browser.findElement(cell).getText();
	}

	private static long number(String text) {
		return text.equals("–") ? 0 : Long.parseLong(text.replace(",", ""));
	}

	private static double percent(String text) {
		return text.equals("–") ? -1 : Double.parseDouble(text.replace("%", "").trim());
	}

	/** Controls with neither a label element, an aria-label nor text of their own. */
	@SuppressWarnings("unchecked")
	private List<String> unlabelledControls() {
		return (List<String>) browser.executeScript("""
				return Array.from(document.querySelectorAll('input, select, button, textarea'))
				  .filter(c => !(c.labels && c.labels.length) && !c.getAttribute('aria-label') && !c.textContent.trim())
				  .map(c => c.outerHTML);""");
	}

	/** What Tab reaches, by id or label, pressing it {@code presses} times from the top. */
	private List<String> tabThrough(int presses) {
		List<String> reached = new ArrayList<>();
		browser.executeScript("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)");
		WebElement body = browser.findElement(By.tagName("body"));
		body.sendKeys(Keys.TAB);
		for (int i = 0; i < presses; i++) {
			WebElement active = browser.switchTo().activeElement();
			String id = active.getAttribute("id");
			reached.add(id != null && !id.isEmpty() ? id : String.valueOf(active.getAttribute("aria-label")));
			active.sendKeys(Keys.TAB);
		}
		return reached;
	}

	private void screenshotIfAsked() throws Exception {
		String target = System.getProperty("ops.screenshot");
		if (target == null || target.isBlank()) {
			return;
		}
		// After the other tests, so the panels show their traffic; a few ticks fill the sparklines.
		freshPage();
		signInAsAdmin();
		await().atMost(WAIT).until(() -> Boolean.TRUE.equals(browser.executeScript("""
				const line = document.querySelector('#caches polyline');
				return line != null && line.getAttribute('points').split(' ').length >= 10;""")));
		File shot = browser.getScreenshotAs(OutputType.FILE);
		Path path = Path.of(target);
		Files.createDirectories(path.toAbsolutePath().getParent());
		Files.copy(shot.toPath(), path, StandardCopyOption.REPLACE_EXISTING);
	}

	private String url(String path) {
		return "http://127.0.0.1:" + port + path;
	}

}
