package io.github.voicegender.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;

/**
 * A chart ready to be written as PNG: drawn at twice its layout size so it stays sharp on
 * high-density screens, and shown at its layout size in the HTML reports.
 *
 * @param chart the JFreeChart
 * @param width layout width in CSS pixels
 * @param height layout height in CSS pixels
 * @param description what it shows, for the image's alternative text
 */
record Chart(JFreeChart chart, int width, int height, String description) {

  /** Pixels per layout pixel in the PNG. */
  static final int SCALE = 2;

  byte[] png() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ChartUtils.writeScaledChartAsPNG(out, chart, width, height, SCALE, SCALE);
    } catch (RuntimeException | LinkageError | InternalError e) {
      // The usual cause on a bare server or container is Java 2D finding no font at all, which
      // otherwise surfaces as an obscure error from deep inside AWT.
      throw new IOException("Could not draw the chart '" + description + "': " + e
          + ". If this mentions fonts or fontconfig, this machine lacks them: install fontconfig"
          + " and a font (on Debian or Ubuntu: apt-get install fontconfig fonts-dejavu-core).", e);
    }
    return out.toByteArray();
  }
}
