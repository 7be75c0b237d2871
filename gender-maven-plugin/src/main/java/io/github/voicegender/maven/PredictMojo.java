package io.github.voicegender.maven;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.voicegender.AtomicFiles;
import io.github.voicegender.audio.AudioClip;
import io.github.voicegender.audio.AudioDecoder;
import io.github.voicegender.model.GenderClassifier;
import io.github.voicegender.prediction.ClipPrediction;
import io.github.voicegender.prediction.SegmentedClassifier;
import io.github.voicegender.prediction.Segment;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Classifies an audio file, or every audio file under a directory, and prints one line per file:
 * {@code path<TAB>male|female|unknown<TAB>probability} (the probability of the printed label; NaN
 * for unknown). Long recordings are judged window by window and combined by voiced speech.
 */
@Mojo(name = "predict", requiresProject = false, threadSafe = true)
public class PredictMojo extends AbstractModelMojo {

  /** An audio file, or a directory searched recursively for .wav and .flac files. */
  @Parameter(property = "file", required = true)
  File file;

  /** Also write the results to this file: a name ending in .csv or .json picks the format. */
  @Parameter(property = "gender.output")
  File output;

  /** Print each window of long recordings too (start, end, label, probability). */
  @Parameter(property = "gender.segments", defaultValue = "false")
  boolean segments;

  /** Window length in seconds for long recordings. */
  @Parameter(property = "gender.windowSeconds", defaultValue = "10")
  double windowSeconds;

  /** Where result lines go; standard output unless a test says otherwise. */
  PrintStream out = System.out;

  /** One file's outcome: a prediction, or the reason it failed. */
  record Result(Path path, ClipPrediction prediction, String error) {}

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    Path input = executionRoot().resolve(file.toPath());
    if (!Files.exists(input)) {
      throw new MojoFailureException("file=" + file + ": no such file or directory (" + input + ").");
    }
    if (output != null && !isCsv(output) && !isJson(output)) {
      throw new MojoFailureException("gender.output=" + output + ": name it *.csv or *.json.");
    }
    List<Path> files = audioFiles(input);
    if (files.isEmpty()) {
      throw new MojoFailureException("No .wav or .flac files under " + input + ".");
    }
    ResolvedModel model = resolveModel();
    List<Result> results = new ArrayList<>();
    try (GenderClassifier classifier = model.open()) {
      SegmentedClassifier segmented = new SegmentedClassifier(classifier, windowSeconds);
      AudioDecoder decoder = new AudioDecoder();
      for (Path audio : files) {
        Result result;
        try {
          AudioClip clip = decoder.decode(audio);
          result = new Result(audio, segmented.classify(clip), null);
          print(result);
        } catch (IOException e) {
          result = new Result(audio, null, e.getMessage());
          if (files.size() > 1) {
            getLog().error(e.getMessage());
          }
        }
        results.add(result);
      }
    } catch (IOException e) {
      throw new MojoFailureException("Cannot load the model " + model.description() + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new MojoFailureException(e.getMessage(), e);
    }
    if (output != null) {
      write(results, executionRoot().resolve(output.toPath()));
    }
    long failed = results.stream().filter(r -> r.error() != null).count();
    if (files.size() == 1 && failed == 1) {
      throw new MojoFailureException(results.get(0).error());
    }
    if (failed > 0) {
      getLog().warn(failed + " of " + files.size() + " files could not be classified (see above).");
    }
  }

  private void print(Result result) {
    ClipPrediction p = result.prediction();
    out.println(result.path() + "\t" + p.label() + "\t" + format(p.probability()));
    if (segments) {
      for (Segment s : p.segments()) {
        out.println(String.format(Locale.ROOT, "  %8.2f\t%8.2f\t%s\t%s", s.startSeconds(), s.endSeconds(),
            s.label(), format(s.probability())));
      }
    }
  }

  private static String format(double probability) {
    return Double.isNaN(probability) ? "NaN" : String.format(Locale.ROOT, "%.4f", probability);
  }

  private static List<Path> audioFiles(Path input) throws MojoFailureException {
    if (!Files.isDirectory(input)) {
      return List.of(input);
    }
    try (Stream<Path> walk = Files.walk(input)) {
      return walk.filter(Files::isRegularFile)
          .filter(f -> {
            String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
            return name.endsWith(".wav") || name.endsWith(".flac");
          })
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new MojoFailureException("Cannot list " + input + ": " + e.getMessage(), e);
    }
  }

  private static boolean isCsv(File f) {
    return f.getName().toLowerCase(Locale.ROOT).endsWith(".csv");
  }

  private static boolean isJson(File f) {
    return f.getName().toLowerCase(Locale.ROOT).endsWith(".json");
  }

  private void write(List<Result> results, Path target) throws MojoExecutionException {
    try {
      AtomicFiles.write(target, isCsv(target.toFile()) ? csv(results) : json(results));
      getLog().info("Results written to " + target);
    } catch (IOException e) {
      throw new MojoExecutionException("Cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  private static String csv(List<Result> results) {
    StringBuilder text = new StringBuilder("path,label,probability,durationSeconds,error\n");
    for (Result r : results) {
      ClipPrediction p = r.prediction();
      text.append(quote(r.path().toString())).append(',')
          .append(p == null ? "" : p.label()).append(',')
          .append(p == null ? "" : format(p.probability())).append(',')
          .append(p == null ? "" : String.format(Locale.ROOT, "%.3f", p.durationSeconds())).append(',')
          .append(r.error() == null ? "" : quote(r.error())).append('\n');
    }
    return text.toString();
  }

  private static String quote(String field) {
    return field.contains(",") || field.contains("\"") || field.contains("\n")
        ? "\"" + field.replace("\"", "\"\"") + "\"" : field;
  }

  private static String json(List<Result> results) throws IOException {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Result r : results) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("path", r.path().toString());
      if (r.prediction() != null) {
        ClipPrediction p = r.prediction();
        row.put("label", p.label());
        row.put("probability", Double.isNaN(p.probability()) ? null : p.probability());
        row.put("durationSeconds", p.durationSeconds());
        row.put("segments", p.segments().stream().map(s -> {
          Map<String, Object> segment = new LinkedHashMap<>();
          segment.put("start", s.startSeconds());
          segment.put("end", s.endSeconds());
          segment.put("label", s.label());
          segment.put("probability", Double.isNaN(s.probability()) ? null : s.probability());
          return segment;
        }).toList());
      } else {
        row.put("error", r.error());
      }
      rows.add(row);
    }
    return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(rows) + "\n";
  }
}
