package dev.storefront.images;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.storefront.support.Api;
import dev.storefront.support.Contract;
import dev.storefront.support.IntegrationTest;
import dev.storefront.support.ProductFixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Product images end to end: real multipart uploads, real decoding on the {@code images} queue, bytes
 * read back from PostgreSQL and decoded again.
 */
@IntegrationTest
class ImageIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	Api api;

	ProductFixtures catalog;

	Api.Session admin;

	final HttpClient http = HttpClient.newHttpClient();

	@BeforeEach
	void setUp() {
		catalog = new ProductFixtures(api);
		admin = catalog.admin();
	}

	@Test
	void jpegUploadGivesAThumbnailAndAMediumVariantOfExactSizes() throws Exception {
		long product = catalog.product("9.99", 1);
		HttpResponse<String> upload = upload(product, "photo.jpg", jpeg(2000, 1500, Color.ORANGE, Color.ORANGE));

		assertThat(upload.statusCode()).isEqualTo(202);
		JsonNode accepted = JSON.readTree(upload.body());
		String jobId = accepted.get("jobId").asString();
		long imageId = accepted.get("imageId").asLong();
		assertThat(upload.headers().firstValue("Location")).hasValue("/api/jobs/" + jobId);
		awaitCompleted(jobId);

		assertThat(decode(variant(imageId, "thumb"))).satisfies(img -> {
			assertThat(img.getWidth()).isEqualTo(200);
			assertThat(img.getHeight()).isEqualTo(150);
		});
		assertThat(decode(variant(imageId, "medium"))).satisfies(img -> {
			assertThat(img.getWidth()).isEqualTo(800);
			assertThat(img.getHeight()).isEqualTo(600);
		});
		JsonNode images = api.get("/api/products/" + product).send().expect(200).json().get("images");
		assertThat(images).hasSize(1);
		assertThat(images.get(0).get("id").asLong()).isEqualTo(imageId);
		assertThat(images.get(0).get("thumbUrl").asString()).isEqualTo("/api/images/" + imageId + "/thumb");
	}

	@Test
	void servesVariantsAsImmutableWithEtagAndNotModified() throws Exception {
		long product = catalog.product("1.00", 1);
		HttpResponse<String> upload = upload(product, "p.png", png(400, 300));
		JsonNode accepted = JSON.readTree(upload.body());
		awaitCompleted(accepted.get("jobId").asString());
		long imageId = accepted.get("imageId").asLong();

		HttpResponse<byte[]> first = get("/api/images/" + imageId + "/thumb", null);
		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(first.headers().firstValue("Content-Type")).hasValue("image/jpeg");
		assertThat(first.headers().firstValue("Cache-Control")).hasValue("max-age=31536000, public, immutable");
		String etag = first.headers().firstValue("ETag").orElseThrow();
		assertThat(get("/api/images/" + imageId + "/thumb", etag).statusCode()).isEqualTo(304);
		assertThat(get("/api/images/" + imageId + "/huge", null).statusCode()).isEqualTo(404);
	}

	@Test
	void listingsShowThePrimaryThumbAndBatchReadsEveryImageBothInvalidatedWhenImagesChange() throws Exception {
		long withImages = catalog.product("2.00", 1);
		long without = catalog.product("3.00", 1);
		long category = api.get("/api/products/" + withImages).send().expect(200).json().get("categoryId").asLong();
		String listing = "/api/products?category=" + category + "&sort=id";
		String batch = "/api/products/batch?ids=" + withImages + "," + without;
		// Cached without images first: what follows proves the uploads invalidate both.
		assertThat(api.get(listing).send().expect(200).json().at("/content/0/images")).isEmpty();
		assertThat(api.get(batch).send().expect(200).json().at("/0/images")).isEmpty();

		List<Long> uploaded = new java.util.ArrayList<>();
		for (int i = 0; i < 2; i++) {
			JsonNode accepted = JSON.readTree(upload(withImages, "p.png", png(400, 300)).body());
			awaitCompleted(accepted.get("jobId").asString());
			uploaded.add(accepted.get("imageId").asLong());
		}

		JsonNode page = api.get(listing).send().expect(200).json().get("content");
		assertThat(page.get(0).get("id").asLong()).isEqualTo(withImages);
		assertThat(page.get(0).get("images")).hasSize(1);
		assertThat(page.get(0).at("/images/0/thumbUrl").asString()).isEqualTo("/api/images/" + uploaded.get(0) + "/thumb");
		assertThat(page.get(1).get("images")).isEmpty();
		assertThat(variant(uploaded.get(0), "thumb")).isNotEmpty();

		JsonNode read = api.get(batch).send().expect(200).json();
		assertThat(read.get(0).get("images")).extracting(image -> image.get("id").asLong()).containsExactlyElementsOf(uploaded);
		assertThat(read.get(1).get("images")).isEmpty();

		// Deleting the product drops it from the listing and its thumb from the public URLs.
		api.delete("/api/products/" + withImages).as(admin).send().expect(204);
		assertThat(api.get(listing).send().expect(200).json().get("content")).hasSize(1);
		assertThat(get("/api/images/" + uploaded.get(0) + "/thumb", null).statusCode()).isEqualTo(404);
	}

	@Test
	void originalsWithTheirMetadataAreForAdministratorsOnly() throws Exception {
		long product = catalog.product("1.00", 1);
		// Noise does not compress: a file of several 64 KB slices, so the streamed copy is checked across
		// slice boundaries.
		byte[] uploaded = noisyPng(300, 300);
		assertThat(uploaded.length).isGreaterThan(3 * 64 * 1024);
		JsonNode accepted = JSON.readTree(upload(product, "p.png", uploaded).body());
		long imageId = accepted.get("imageId").asLong();
		String original = "/api/images/" + imageId + "/original";

		// Before processing too: the original exists from the upload on.
		HttpResponse<byte[]> anonymous = get(original, null);
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("problem+json"));
		assertThat(get(original, null, api.newUser()).statusCode()).isEqualTo(403);

		HttpResponse<byte[]> forAdmin = get(original, null, admin);
		assertThat(forAdmin.statusCode()).isEqualTo(200);
		assertThat(forAdmin.body()).isEqualTo(uploaded);
		assertThat(forAdmin.headers().firstValueAsLong("Content-Length")).hasValue(uploaded.length);
		assertThat(forAdmin.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
		awaitCompleted(accepted.get("jobId").asString());
	}

	@Test
	void aDeletedProductsImagesAreNotFoundEvenForAConditionalRequest() throws Exception {
		long product = catalog.product("1.00", 1);
		JsonNode accepted = JSON.readTree(upload(product, "p.png", png(400, 300)).body());
		awaitCompleted(accepted.get("jobId").asString());
		long imageId = accepted.get("imageId").asLong();
		String thumb = "/api/images/" + imageId + "/thumb";
		String etag = get(thumb, null).headers().firstValue("ETag").orElseThrow();
		assertThat(get(thumb, etag).statusCode()).isEqualTo(304);

		api.delete("/api/products/" + product).as(admin).send().expect(204);

		for (String variant : List.of("thumb", "medium")) {
			HttpResponse<byte[]> gone = get("/api/images/" + imageId + "/" + variant, null);
			assertThat(gone.statusCode()).as(variant).isEqualTo(404);
			assertThat(gone.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("problem+json"));
		}
		assertThat(get(thumb, etag).statusCode()).isEqualTo(404);
		// The administrator still reaches the upload, for support and audits.
		assertThat(get("/api/images/" + imageId + "/original", null, admin).statusCode()).isEqualTo(200);
	}

	@Test
	void exifRotatedPhotoComesOutUpright() throws Exception {
		long product = catalog.product("1.00", 1);
		// Stored sideways: red on the left, blue on the right; EXIF 6 says "rotate 90 degrees clockwise to view".
		byte[] sideways = withExifOrientation(jpeg(300, 200, Color.RED, Color.BLUE), 6);
		HttpResponse<String> upload = upload(product, "phone.jpg", sideways);
		JsonNode accepted = JSON.readTree(upload.body());
		awaitCompleted(accepted.get("jobId").asString());

		BufferedImage thumb = decode(variant(accepted.get("imageId").asLong(), "thumb"));
		assertThat(thumb.getWidth()).isEqualTo(133);
		assertThat(thumb.getHeight()).isEqualTo(200);
		assertThat(new Color(thumb.getRGB(66, 20)).getRed()).isGreaterThan(200);
		assertThat(new Color(thumb.getRGB(66, 180)).getBlue()).isGreaterThan(200);
	}

	@Test
	void textFileNamedJpgIsRejectedWith415() throws Exception {
		long product = catalog.product("1.00", 1);
		HttpResponse<String> upload = upload(product, "notes.jpg", "just some text, not a photo".getBytes());

		assertThat(upload.statusCode()).isEqualTo(415);
		assertThat(upload.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	@Test
	void fileOverFiveMegabytesIsRejectedWith413() throws Exception {
		long product = catalog.product("1.00", 1);
		byte[] big = new byte[6 * 1024 * 1024];
		big[0] = (byte) 0xFF;
		big[1] = (byte) 0xD8;
		big[2] = (byte) 0xFF;

		HttpResponse<String> upload = upload(product, "big.jpg", big);

		assertThat(upload.statusCode()).isEqualTo(413);
		assertThat(upload.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	@Test
	void pngDeclaringTwentyThousandSquarePixelsIsRejectedWith422FromItsHeader() throws Exception {
		long product = catalog.product("1.00", 1);
		HttpResponse<String> upload = upload(product, "bomb.png", pngHeaderOnly(20000, 20000));

		assertThat(upload.statusCode()).isEqualTo(422);
		// Only the header can say so: the file holds no pixel data at all.
		assertThat(upload.body()).contains("declares 20000x20000");
	}

	@Test
	void uploadNeedsAnAdministrator() throws Exception {
		long product = catalog.product("1.00", 1);
		assertThat(upload(product, "p.png", png(10, 10), api.newUser()).statusCode()).isEqualTo(403);
	}

	private void awaitCompleted(String jobId) {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> api.get("/api/jobs/" + jobId).as(admin).send().expect(200).json().get("state").asString(),
					state -> state.equals("completed") || state.equals("failed"));
		assertThat(api.get("/api/jobs/" + jobId).as(admin).send().json().get("state").asString()).isEqualTo("completed");
	}

	private byte[] variant(long imageId, String variant) throws Exception {
		HttpResponse<byte[]> response = get("/api/images/" + imageId + "/" + variant, null);
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	private HttpResponse<byte[]> get(String path, String ifNoneMatch) throws Exception {
		return get(path, ifNoneMatch, null);
	}

	private HttpResponse<byte[]> get(String path, String ifNoneMatch, Api.Session as) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
		if (as != null) {
			request.header("X-Auth-Token", as.token());
		}
		if (ifNoneMatch != null) {
			request.header("If-None-Match", ifNoneMatch);
		}
		return Contract.checked(http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray()));
	}

	private HttpResponse<String> upload(long product, String filename, byte[] bytes) throws Exception {
		return upload(product, filename, bytes, admin);
	}

	private HttpResponse<String> upload(long product, String filename, byte[] bytes, Api.Session as) throws Exception {
		String boundary = "----sf" + UUID.randomUUID();
		String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
				+ "\"\r\nContent-Type: image/jpeg\r\n\r\n";
		String tail = "\r\n--" + boundary + "--\r\n";
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.write(head.getBytes(StandardCharsets.UTF_8));
		body.write(bytes);
		body.write(tail.getBytes(StandardCharsets.UTF_8));
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/products/" + product + "/images"))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.header("X-Auth-Token", as.token())
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
			.build();
		return Contract.checked(http.send(request, HttpResponse.BodyHandlers.ofString()));
	}

	private static BufferedImage decode(byte[] bytes) throws IOException {
		return ImageIO.read(new ByteArrayInputStream(bytes));
	}

	/** A JPEG whose left half has one colour and right half another. */
	static byte[] jpeg(int width, int height, Color left, Color right) throws IOException {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setColor(left);
		g.fillRect(0, 0, width / 2, height);
		g.setColor(right);
		g.fillRect(width / 2, 0, width - width / 2, height);
		g.dispose();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(image, "jpeg", out);
		return out.toByteArray();
	}

	static byte[] noisyPng(int width, int height) throws IOException {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		java.util.Random random = new java.util.Random(42);
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				image.setRGB(x, y, random.nextInt(0x1000000));
			}
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(image, "png", out);
		return out.toByteArray();
	}

	static byte[] png(int width, int height) throws IOException {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(image, "png", out);
		return out.toByteArray();
	}

	/** A JPEG with an EXIF APP1 segment (big-endian TIFF, one IFD0 entry: orientation) after SOI. */
	static byte[] withExifOrientation(byte[] jpeg, int orientation) {
		ByteBuffer exif = ByteBuffer.allocate(2 + 2 + 6 + 8 + 2 + 12 + 4);
		exif.put((byte) 0xFF).put((byte) 0xE1).putShort((short) (exif.capacity() - 2));
		exif.put("Exif".getBytes(StandardCharsets.US_ASCII)).put((byte) 0).put((byte) 0);
		exif.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
		exif.putShort((short) 1);
		exif.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
		exif.putInt(0);
		byte[] out = new byte[jpeg.length + exif.capacity()];
		System.arraycopy(jpeg, 0, out, 0, 2);
		System.arraycopy(exif.array(), 0, out, 2, exif.capacity());
		System.arraycopy(jpeg, 2, out, 2 + exif.capacity(), jpeg.length - 2);
		return out;
	}

	/** A PNG signature and an IHDR chunk declaring the size, and nothing else: no pixel data. */
	static byte[] pngHeaderOnly(int width, int height) {
		ByteBuffer png = ByteBuffer.allocate(8 + 25);
		png.put(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' });
		png.putInt(13);
		int typeAt = png.position();
		png.put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(width).putInt(height);
		png.put((byte) 8).put((byte) 6).put((byte) 0).put((byte) 0).put((byte) 0);
		CRC32 crc = new CRC32();
		crc.update(Arrays.copyOfRange(png.array(), typeAt, png.position()));
		png.putInt((int) crc.getValue());
		return png.array();
	}

}
