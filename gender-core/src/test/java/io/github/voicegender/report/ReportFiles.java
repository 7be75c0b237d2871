package io.github.voicegender.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/** Checks on written report files. */
final class ReportFiles {
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private ReportFiles() {}

  /** Reads a PNG, checking its signature and that ImageIO decodes it at the expected size. */
  static BufferedImage png(byte[] bytes, int width, int height) throws IOException {
    assertTrue(bytes.length > 1000, "PNG of " + bytes.length + " bytes is too small to be a chart");
    assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(bytes, 8), "PNG signature");
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
    assertNotNull(image, "ImageIO cannot read it");
    assertEquals(width, image.getWidth());
    assertEquals(height, image.getHeight());
    return image;
  }

  static BufferedImage png(Path file, int width, int height) throws IOException {
    return png(Files.readAllBytes(file), width, height);
  }

  /** The PNGs inlined in an HTML page, decoded. */
  static int inlinedPngs(String html) throws IOException {
    Matcher m = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\" width=\"(\\d+)\""
        + " height=\"(\\d+)\"").matcher(html);
    int count = 0;
    while (m.find()) {
      png(Base64.getDecoder().decode(m.group(1)), Integer.parseInt(m.group(2)) * Chart.SCALE,
          Integer.parseInt(m.group(3)) * Chart.SCALE);
      count++;
    }
    return count;
  }

  /** The page loads nothing from elsewhere: no scripts, style sheets or images by URL. */
  static void selfContained(String html) {
    assertTrue(html.startsWith("<!DOCTYPE html>"));
    assertTrue(html.endsWith("</html>\n"));
    for (String external : new String[] {"http://", "https://", "<script", "<link", "@import",
        "src=\"/", "src=\"."}) {
      assertTrue(!html.contains(external), "page refers to something outside it: " + external);
    }
  }

  /** Counts of pixels by rough colour, to see that a chart drew its series. */
  static boolean hasColour(BufferedImage image, int rgb, int tolerance) {
    int r = (rgb >> 16) & 0xff;
    int g = (rgb >> 8) & 0xff;
    int b = rgb & 0xff;
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        int p = image.getRGB(x, y);
        if (Math.abs(((p >> 16) & 0xff) - r) <= tolerance && Math.abs(((p >> 8) & 0xff) - g)
            <= tolerance && Math.abs((p & 0xff) - b) <= tolerance) {
          return true;
        }
      }
    }
    return false;
  }
}
