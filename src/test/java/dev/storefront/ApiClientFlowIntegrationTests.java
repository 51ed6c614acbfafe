package dev.storefront;

import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.storefront.client.ApiClient;
import dev.storefront.client.ApiException;
import dev.storefront.client.ApiResponse;
import dev.storefront.client.api.AuthApi;
import dev.storefront.client.api.CatalogApi;
import dev.storefront.client.api.OrdersApi;
import dev.storefront.client.model.Item;
import dev.storefront.client.model.LoginRequest;
import dev.storefront.client.model.Order;
import dev.storefront.client.model.OrderRequest;
import dev.storefront.client.model.PageResponseProduct;
import dev.storefront.client.model.Problem;
import dev.storefront.client.model.Product;
import dev.storefront.client.model.RegistrationRequest;
import dev.storefront.support.Api;
import dev.storefront.support.IntegrationTest;
import dev.storefront.support.ProductFixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The main flow, driven only by the Java client that {@code openapi-generator} builds from the
 * committed contract: if the description lies, this client breaks.
 */
@IntegrationTest
class ApiClientFlowIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	Api api;

	long productId;

	@BeforeEach
	void product() {
		productId = new ProductFixtures(api).product("12.50", 100);
	}

	@Test
	void walksTheMainFlowWithTheGeneratedClient() throws Exception {
		ApiClient anonymous = client(null);
		String email = "client-" + UUID.randomUUID() + "@example.com";
		ApiResponse<?> registered = new AuthApi(anonymous)
			.authRegisterWithHttpInfo(new RegistrationRequest().email(email).password("password123").name("Client"));
		assertThat(registered.getStatusCode()).isEqualTo(201);

		ApiResponse<?> login = new AuthApi(anonymous)
			.authLoginWithHttpInfo(new LoginRequest().email(email).password("password123"));
		String token = login.getHeaders().get("x-auth-token").get(0);
		ApiClient signedIn = client(token);

		CatalogApi catalog = new CatalogApi(signedIn);
		PageResponseProduct page = catalog.productList(null, null, new BigDecimal("12.00"), new BigDecimal("13.00"), 0, 100,
				"price,asc");
		assertThat(page.getContent()).extracting(Product::getId).contains(productId);

		ApiResponse<Product> found = catalog.productFindWithHttpInfo(productId, null);
		String etag = found.getHeaders().get("etag").get(0);
		ApiException notModified = catchThrowableOfType(ApiException.class, () -> catalog.productFind(productId, etag));
		assertThat(notModified.getCode()).isEqualTo(304);

		OrdersApi orders = new OrdersApi(signedIn);
		OrderRequest request = new OrderRequest().items(List.of(new Item().productId(productId).quantity(2)));
		String key = UUID.randomUUID().toString();
		ApiResponse<Order> placed = orders.orderPlaceWithHttpInfo(request, key);
		assertThat(placed.getStatusCode()).isEqualTo(201);
		ApiResponse<Order> replayed = orders.orderPlaceWithHttpInfo(request, key);
		assertThat(replayed.getStatusCode()).isEqualTo(200);
		assertThat(replayed.getHeaders().get("idempotent-replayed")).containsExactly("true");
		assertThat(replayed.getData().getId()).isEqualTo(placed.getData().getId());

		long orderId = placed.getData().getId();
		assertThat(orders.orderPay(orderId).getStatus()).hasToString("CONFIRMED");
		assertThat(orders.orderCancel(orderId).getStatus()).hasToString("CANCELLED");

		ApiException invalid = catchThrowableOfType(ApiException.class, () -> new AuthApi(anonymous)
			.authRegister(new RegistrationRequest().email("not-an-email").password("short").name("x")));
		assertThat(invalid.getCode()).isEqualTo(400);
		Problem problem = anonymous.getObjectMapper().readValue(invalid.getResponseBody(), Problem.class);
		assertThat(problem.getStatus()).isEqualTo(400);
		assertThat(problem.getErrors()).isNotEmpty();

		String probe = UUID.randomUUID().toString();
		ApiClient probed = client(null).setRequestInterceptor(builder -> builder.header("X-Probe-Sliding-Log", probe));
		ApiException limited = null;
		for (int i = 0; i < 200 && limited == null; i++) {
			try {
				new CatalogApi(probed).categoryList();
			}
			catch (ApiException ex) {
				limited = ex;
			}
		}
		assertThat(limited).isNotNull();
		assertThat(limited.getCode()).isEqualTo(429);
		assertThat(limited.getResponseHeaders().firstValue("Retry-After")).isPresent();
		assertThat(new ObjectMapper().readTree(limited.getResponseBody()).get("status").asInt()).isEqualTo(429);
	}

	private ApiClient client(String token) {
		ApiClient client = new ApiClient(HttpClient.newBuilder(), ApiClient.createDefaultObjectMapper(),
				"http://127.0.0.1:" + port);
		if (token != null) {
			client.setRequestInterceptor(builder -> builder.header("X-Auth-Token", token));
		}
		return client;
	}

}
