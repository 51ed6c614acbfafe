package dev.storefront.images;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

import org.springframework.stereotype.Component;

/**
 * Decodes, orients (EXIF), scales and encodes images. The output is a fresh RGB JPEG, so no metadata
 * of the upload survives.
 */
@Component
class ImageResizer {

	private final ImageProperties properties;

	ImageResizer(ImageProperties properties) {
		this.properties = properties;
	}

	/** Width and height from the header only: no pixel is decoded. */
	static int[] dimensions(byte[] bytes, ImageType type) throws IOException {
		try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
			Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(type.format);
			if (!readers.hasNext()) {
				throw new IOException("no reader for " + type);
			}
			ImageReader reader = readers.next();
			try {
				reader.setInput(input, true, true);
				return new int[] { reader.getWidth(0), reader.getHeight(0) };
			}
			finally {
				reader.dispose();
			}
		}
	}

	/** The upright image: decoded, EXIF orientation applied, flattened to RGB. */
	BufferedImage upright(byte[] bytes, ImageType type) throws IOException {
		BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(bytes));
		if (decoded == null) {
			throw new IOException("undecodable " + type);
		}
		int orientation = type == ImageType.JPEG ? ExifOrientation.of(bytes) : 1;
		return orient(decoded, orientation);
	}

	/** Scaled so the longest side is {@code size} (never enlarged), aspect kept. */
	BufferedImage scale(BufferedImage source, int size) {
		int w = source.getWidth();
		int h = source.getHeight();
		double factor = Math.min(1.0, (double) size / Math.max(w, h));
		int tw = Math.max(1, (int) Math.round(w * factor));
		int th = Math.max(1, (int) Math.round(h * factor));
		BufferedImage current = source;
		// Halve first while far above the target: one bilinear step from far away aliases badly.
		while (current.getWidth() / 2 >= tw * 2 && current.getHeight() / 2 >= th * 2) {
			current = draw(current, current.getWidth() / 2, current.getHeight() / 2);
		}
		return draw(current, tw, th);
	}

	BufferedImage watermark(BufferedImage image) {
		if (properties.watermark().isBlank()) {
			return image;
		}
		Graphics2D g = image.createGraphics();
		try {
			g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
			g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.5f));
			g.setColor(Color.WHITE);
			g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(12, image.getHeight() / 20)));
			int width = g.getFontMetrics().stringWidth(properties.watermark());
			g.drawString(properties.watermark(), image.getWidth() - width - 10, image.getHeight() - 10);
		}
		finally {
			g.dispose();
		}
		return image;
	}

	byte[] jpeg(BufferedImage image) throws IOException {
		ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (ImageOutputStream output = ImageIO.createImageOutputStream(out)) {
			writer.setOutput(output);
			ImageWriteParam param = writer.getDefaultWriteParam();
			param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
			param.setCompressionQuality(properties.quality());
			writer.write(null, new IIOImage(image, null, null), param);
		}
		finally {
			writer.dispose();
		}
		return out.toByteArray();
	}

	private static BufferedImage draw(BufferedImage source, int width, int height) {
		BufferedImage target = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = target.createGraphics();
		try {
			g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
			g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
			g.setColor(Color.WHITE);
			g.fillRect(0, 0, width, height);
			g.drawImage(source, 0, 0, width, height, null);
		}
		finally {
			g.dispose();
		}
		return target;
	}

	/** Applies EXIF orientation 2..8 (flips and rotations); 1 only flattens to RGB. */
	static BufferedImage orient(BufferedImage source, int orientation) {
		int w = source.getWidth();
		int h = source.getHeight();
		AffineTransform t = switch (orientation) {
			case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0);
			case 3 -> new AffineTransform(-1, 0, 0, -1, w, h);
			case 4 -> new AffineTransform(1, 0, 0, -1, 0, h);
			case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);
			case 6 -> new AffineTransform(0, 1, -1, 0, h, 0);
			case 7 -> new AffineTransform(0, -1, -1, 0, h, w);
			case 8 -> new AffineTransform(0, -1, 1, 0, 0, w);
			default -> new AffineTransform();
		};
		boolean swap = orientation >= 5 && orientation <= 8;
		BufferedImage target = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = target.createGraphics();
		try {
			g.setColor(Color.WHITE);
			g.fillRect(0, 0, target.getWidth(), target.getHeight());
			g.drawImage(source, t, null);
		}
		finally {
			g.dispose();
		}
		return target;
	}

}
