package dev.storefront.images;

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

import dev.storefront.user.CurrentUser;

/**
 * Upload ({@code POST /api/products/{id}/images}, ADMIN) and serving ({@code GET /api/images/...},
 * public). A variant's bytes never change once written, so they are served as immutable.
 */
@RestController
class ImageController {

	private static final CacheControl IMMUTABLE = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

	private final ImageUploads uploads;

	private final ImageStore store;

	ImageController(ImageUploads uploads, ImageStore store) {
		this.uploads = uploads;
		this.store = store;
	}

	@PostMapping(path = "/api/products/{id}/images", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<ImageUploads.Accepted> upload(@PathVariable long id, @RequestParam("file") MultipartFile file,
			@AuthenticationPrincipal CurrentUser user) throws IOException {
		ImageUploads.Accepted accepted = uploads.upload(id, file.getBytes(), user == null ? null : user.id());
		return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create("/api/jobs/" + accepted.jobId())).body(accepted);
	}

	@GetMapping("/api/images/{imageId}/{variant}")
	ResponseEntity<byte[]> serve(@PathVariable long imageId, @PathVariable String variant,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
		if (!variant.equals("thumb") && !variant.equals("medium") && !variant.equals(ImageStore.ORIGINAL)) {
			throw new ImageProblems.ImageNotFound(imageId, variant);
		}
		String etag = "\"img-" + imageId + "-" + variant + "\"";
		if (ifNoneMatch != null && (ifNoneMatch.contains(etag) || ifNoneMatch.strip().equals("*"))) {
			return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).cacheControl(IMMUTABLE).build();
		}
		ImageStore.Stored stored = store.variant(imageId, variant)
			.orElseThrow(() -> new ImageProblems.ImageNotFound(imageId, variant));
		return ResponseEntity.ok()
			.eTag(etag)
			.cacheControl(IMMUTABLE)
			.contentType(MediaType.parseMediaType(stored.contentType()))
			.body(stored.bytes());
	}

}
