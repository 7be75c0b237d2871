package io.github.voicegender.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * The per-epoch curves as CSV ({@code epoch,trainLoss,trainAccuracy,validationLoss,
 * validationAccuracy,seconds}; NaN written as an empty field), written atomically.
 */
public final class TrainingCurvesCsv {

  public static final String FILE_NAME = "training-curves.csv";
  public static final String HEADER = "epoch,trainLoss,trainAccuracy,validationLoss,validationAccuracy,seconds";

  private TrainingCurvesCsv() {}

  public static String format(List<EpochMetrics> epochs) {
    StringBuilder text = new StringBuilder(HEADER).append('\n');
    for (EpochMetrics e : epochs) {
      text.append(e.epoch()).append(',').append(number(e.trainLoss())).append(',')
          .append(number(e.trainAccuracy())).append(',').append(number(e.validationLoss())).append(',')
          .append(number(e.validationAccuracy())).append(',').append(String.format(Locale.ROOT, "%.3f", e.seconds()))
          .append('\n');
    }
    return text.toString();
  }

  public static void write(Path file, List<EpochMetrics> epochs) throws IOException {
    Path target = file.toAbsolutePath();
    Files.createDirectories(target.getParent());
    Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
    Files.writeString(temporary, format(epochs), StandardCharsets.UTF_8);
    try {
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static String number(double v) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6f", v);
  }
}
