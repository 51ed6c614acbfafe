package dev.storefront.images;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import dev.storefront.web.ApiAccess;
import dev.storefront.web.ApiAccess.Audience;
import io.swagger.v3.oas.annotations.headers.Header;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import dev.storefront.user.CurrentUser;

/**
 * Upload ({@code POST /api/products/{id}/images}, ADMIN) and serving: processed variants of live
 * products to anyone ({@code GET /api/images/{id}/thumb|medium}), originals with their metadata to
 * administrators only ({@code GET /api/images/{id}/original}). A variant's bytes never change once written, so they are served as immutable.
 */
@Tag(name = "images")
@RestController
class ImageController {

	/** Bytes of an original read per query while it is streamed. */
	private static final int ORIGINAL_CHUNK = 64 * 1024;

	private static final CacheControl IMMUTABLE = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

	private final ImageUploads uploads;

	private final ImageStore store;

	ImageController(ImageUploads uploads, ImageStore store) {
		this.uploads = uploads;
		this.store = store;
	}

	@ApiAccess(Audience.ADMIN)
	@Operation(summary = "Upload a product image", description = """
			Multipart field `file`: a JPEG or PNG (recognised by its bytes, not its name), at most 5 MB and 40 \
			megapixels. The thumbnail (200 px) and medium (800 px) variants are made by a background job: \
			follow `Location` to see it finish; the product then lists the image.""")
	@ApiResponse(responseCode = "202", description = "Accepted; the job makes the variants",
			headers = @Header(name = "Location", ref = "#/components/headers/Location"))
	@ApiResponse(responseCode = "413", description = "The file is larger than 5 MB")
	@ApiResponse(responseCode = "415", description = "The file is not a JPEG or PNG")
	@ApiResponse(responseCode = "422", description = "The image has more than 40 megapixels")
	@PostMapping(path = "/api/products/{id}/images", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<ImageUploads.Accepted> upload(@PathVariable long id, @RequestParam("file") MultipartFile file,
			@AuthenticationPrincipal CurrentUser user) throws IOException {
		ImageUploads.Accepted accepted = uploads.upload(id, file.getBytes(), user == null ? null : user.id());
		return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create("/api/jobs/" + accepted.jobId())).body(accepted);
	}

	@ApiAccess(Audience.ANYONE)
	@Operation(summary = "Get an image variant", description = "`variant`: `thumb` or `medium`, re-encoded without the upload's metadata. Only processed images of live products are served; a deleted product's images are 404. Immutable: cache it for a year; `If-None-Match` gives 304.")
	@ApiResponse(responseCode = "200", description = "The image bytes", content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "image/jpeg",
			schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string", format = "binary")),
			headers = { @Header(name = "ETag", ref = "#/components/headers/ETag"),
					@Header(name = "Cache-Control", description = "public, max-age=31536000, immutable", schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string")) })
	@ApiResponse(responseCode = "304", description = "Unchanged", content = @io.swagger.v3.oas.annotations.media.Content,
			headers = @Header(name = "ETag", ref = "#/components/headers/ETag"))
	@GetMapping("/api/images/{imageId}/{variant}")
	ResponseEntity<byte[]> serve(@PathVariable long imageId, @PathVariable String variant,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
		if (!variant.equals("thumb") && !variant.equals("medium")) {
			throw new ImageProblems.ImageNotFound(imageId, variant);
		}
		String etag = "\"img-" + imageId + "-" + variant + "\"";
		// Visibility is checked before a 304 too: a deleted product's image must stop answering.
		if (ifNoneMatch != null && (ifNoneMatch.contains(etag) || ifNoneMatch.strip().equals("*"))) {
			if (!store.isPublic(imageId, variant)) {
				throw new ImageProblems.ImageNotFound(imageId, variant);
			}
			return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).cacheControl(IMMUTABLE).build();
		}
		ImageStore.Stored stored = store.publicVariant(imageId, variant)
			.orElseThrow(() -> new ImageProblems.ImageNotFound(imageId, variant));
		return ResponseEntity.ok()
			.eTag(etag)
			.cacheControl(IMMUTABLE)
			.contentType(MediaType.parseMediaType(stored.contentType()))
			.body(stored.bytes());
	}

	@ApiAccess(Audience.ADMIN)
	@Operation(summary = "Get an uploaded original", description = "The bytes as uploaded, metadata (EXIF: location, camera, author) included, in any state of the image and of its product. Administrators only; never cached by shared caches.")
	@ApiResponse(responseCode = "200", description = "The uploaded bytes, in the type they were uploaded as", content = {
			@io.swagger.v3.oas.annotations.media.Content(mediaType = "image/jpeg",
					schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string", format = "binary")),
			@io.swagger.v3.oas.annotations.media.Content(mediaType = "image/png",
					schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string", format = "binary")) })
	@GetMapping("/api/images/{imageId}/original")
	ResponseEntity<StreamingResponseBody> original(@PathVariable long imageId) {
		ImageStore.OriginalInfo original = store.originalInfo(imageId)
			.orElseThrow(() -> new ImageProblems.ImageNotFound(imageId, ImageStore.ORIGINAL));
		StreamingResponseBody body = out -> store.copyOriginal(imageId, original.length(), ORIGINAL_CHUNK, out);
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.contentType(MediaType.parseMediaType(original.contentType()))
			.contentLength(original.length())
			.body(body);
	}

}
