package dev.storefront.support;

import java.net.http.HttpResponse;

/**
 * For tests that must use a raw {@code java.net.http} client (an SSE stream, image bytes, a multipart
 * upload): checks the answer against {@code docs/openapi.json} as {@link Api} does for its own calls, so no
 * exchange escapes the contract.
 */
public final class Contract {

	private Contract() {
	}

	/** Returns the response after checking its status, headers, content type and text body. */
	public static <T> HttpResponse<T> checked(HttpResponse<T> response) {
		ContractValidator.checkResponse(response.request().method(), response.uri().getRawPath(),
				response.statusCode(), response.headers(), response.body());
		return response;
	}

	/** Checks a streamed answer by what arrives first: its status and headers. */
	public static void checkHead(String method, String path, HttpResponse.ResponseInfo head) {
		ContractValidator.checkResponse(method, path, head.statusCode(), head.headers(), null);
	}

}
