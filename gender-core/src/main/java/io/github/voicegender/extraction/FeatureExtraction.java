package io.github.voicegender.extraction;

import io.github.voicegender.PipelineLog;
import io.github.voicegender.dataset.Dataset;
import io.github.voicegender.dataset.Utterance;
import io.github.voicegender.features.FeatureConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Extracts a dataset into a {@link FeatureStore}: on every core, streaming (only a bounded number of
 * files are in flight at once), incrementally (files whose size and modification time are unchanged
 * keep their stored features), and past bad files (they are reported, not fatal, unless
 * failOnError).
 */
public final class FeatureExtraction {

  private final FeatureConfig config;
  private final Supplier<VectorExtractor> extractorFactory;
  private final int threads;
  private final boolean failOnError;
  private final PipelineLog log;
  private final Duration progressInterval;

  /**
   * @param config the configuration the extractors use; stored beside the features
   * @param extractorFactory makes one extractor per worker thread
   * @param threads worker threads (at least 1)
   * @param failOnError stop at the first bad file instead of skipping it
   * @param log where progress goes
   * @param progressInterval how often progress is logged
   */
  public FeatureExtraction(FeatureConfig config, Supplier<VectorExtractor> extractorFactory,
      int threads, boolean failOnError, PipelineLog log, Duration progressInterval) {
    if (threads < 1) {
      throw new IllegalArgumentException("gender.threads must be at least 1, was " + threads);
    }
    this.config = config;
    this.extractorFactory = extractorFactory;
    this.threads = threads;
    this.failOnError = failOnError;
    this.log = log;
    this.progressInterval = progressInterval;
  }

  /**
   * @throws ExtractionFailedException when failOnError is set and a file fails; features extracted
   *     so far are kept for the next run
   */
  public ExtractionSummary run(Dataset dataset, FeatureStore store) throws IOException {
    long started = System.nanoTime();
    if (store.prepareFor(config)) {
      log.info("The feature configuration changed: every file is extracted again.");
    }

    Map<String, Map<Path, FeatureRow>> rowsBySubset = new LinkedHashMap<>();
    List<Utterance> todo = new ArrayList<>();
    Map<Path, FileStamp> stamps = new ConcurrentHashMap<>();
    List<ExtractionFailure> failures = new ArrayList<>();
    double reusedSeconds = 0;
    int reused = 0;
    for (String subset : dataset.subsets()) {
      Map<Path, FeatureRow> reusable = store.readReusable(subset);
      Map<Path, FeatureRow> rows = new ConcurrentHashMap<>();
      rowsBySubset.put(subset, rows);
      for (Utterance utterance : dataset.subset(subset)) {
        FileStamp stamp;
        try {
          stamp = FileStamp.of(utterance.audio());
        } catch (IOException e) {
          failures.add(new ExtractionFailure(utterance.audio(), subset, "cannot be read: " + e));
          continue;
        }
        stamps.put(utterance.audio(), stamp);
        FeatureRow stored = reusable.get(utterance.audio());
        if (stored != null && stamp.matches(stored)) {
          // Labels come from the dataset's metadata, which may have been corrected since.
          rows.put(utterance.audio(), new FeatureRow(stored.audio(), utterance.speakerId(),
              utterance.gender(), subset, stored.fileSize(), stored.lastModifiedMillis(),
              stored.durationSeconds(), stored.vector()));
          reusedSeconds += stored.durationSeconds();
          reused++;
        } else {
          todo.add(utterance);
        }
      }
    }
    if (!failures.isEmpty() && failOnError) {
      throw new ExtractionFailedException(failures.get(0));
    }

    Progress progress = new Progress(todo.size(), log, progressInterval);
    if (!todo.isEmpty()) {
      log.info(String.format("Extracting features of %d files (%d unchanged) on %d threads into %s",
          todo.size(), reused, threads, store.directory()));
      extractAll(todo, store, stamps, rowsBySubset, failures, progress);
    } else {
      log.info("All " + reused + " files are unchanged since the last extraction.");
    }

    Map<String, List<FeatureRow>> tables = new LinkedHashMap<>();
    for (Map.Entry<String, Map<Path, FeatureRow>> entry : rowsBySubset.entrySet()) {
      List<FeatureRow> sorted = new ArrayList<>(entry.getValue().values());
      sorted.sort(Comparator.comparing(FeatureRow::audio));
      store.commit(entry.getKey(), config, sorted);
      tables.put(entry.getKey(), sorted);
    }
    failures.sort(Comparator.comparing(ExtractionFailure::audio));
    store.writeFailures(failures);
    int files = dataset.utterances().size();
    return new ExtractionSummary(files, progress.done(), reused, failures,
        reusedSeconds + progress.audioSeconds(), progress.audioSeconds(),
        Duration.ofNanos(System.nanoTime() - started), tables);
  }

  private void extractAll(List<Utterance> todo, FeatureStore store, Map<Path, FileStamp> stamps,
      Map<String, Map<Path, FeatureRow>> rowsBySubset, List<ExtractionFailure> failures,
      Progress progress) throws IOException {
    Map<String, FeatureStore.PartialTable> partials = new LinkedHashMap<>();
    for (String subset : rowsBySubset.keySet()) {
      partials.put(subset, store.openPartial(subset, config));
    }
    ThreadLocal<VectorExtractor> extractors = ThreadLocal.withInitial(extractorFactory);
    ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
      Thread thread = new Thread(runnable, "gender-extract");
      thread.setDaemon(true);
      return thread;
    });
    // Two files in flight per thread keep every core busy while memory stays bounded by the
    // work in flight, not by the dataset.
    Semaphore inFlight = new Semaphore(2 * threads);
    AtomicBoolean stop = new AtomicBoolean();
    List<IOException> storeErrors = new ArrayList<>();
    try {
      for (Utterance utterance : todo) {
        if (stop.get()) {
          break;
        }
        inFlight.acquire();
        pool.execute(() -> {
          try {
            if (stop.get()) {
              return;
            }
            VectorExtractor.Extracted result;
            try {
              result = extractors.get().extract(utterance.audio());
            } catch (IOException | RuntimeException e) {
              ExtractionFailure failure = new ExtractionFailure(utterance.audio(), utterance.subset(),
                  reasonOf(e, utterance.audio()));
              synchronized (failures) {
                failures.add(failure);
              }
              progress.failed(failure);
              if (failOnError) {
                stop.set(true);
              }
              return;
            }
            FileStamp stamp = stamps.get(utterance.audio());
            FeatureRow row = new FeatureRow(utterance.audio(), utterance.speakerId(),
                utterance.gender(), utterance.subset(), stamp.size(), stamp.modifiedMillis(),
                result.durationSeconds(), result.vector());
            rowsBySubset.get(utterance.subset()).put(row.audio(), row);
            try {
              partials.get(utterance.subset()).append(row);
            } catch (IOException e) {
              synchronized (storeErrors) {
                storeErrors.add(e);
              }
              stop.set(true);
            }
            progress.extracted(result.durationSeconds());
          } finally {
            inFlight.release();
          }
        });
      }
      pool.shutdown();
      while (!pool.awaitTermination(progressInterval.toMillis(), TimeUnit.MILLISECONDS)) {
        progress.report(false);
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
      throw new IOException("Feature extraction was interrupted; what was extracted is kept and "
          + "the next run goes on from there", e);
    } finally {
      pool.shutdownNow();
      for (FeatureStore.PartialTable partial : partials.values()) {
        partial.close();
      }
    }
    progress.report(true);
    if (!storeErrors.isEmpty()) {
      throw new IOException("Cannot write to the feature store " + store.directory() + ": "
          + storeErrors.get(0).getMessage(), storeErrors.get(0));
    }
    if (failOnError && !failures.isEmpty()) {
      throw new ExtractionFailedException(failures.get(0));
    }
  }

  /** The exception's own words, without repeating the path when it already names it. */
  static String reasonOf(Exception e, Path audio) {
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      return e.getClass().getSimpleName();
    }
    String prefix = audio.toString() + ": ";
    return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
  }

  private record FileStamp(long size, long modifiedMillis) {
    static FileStamp of(Path file) throws IOException {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      return new FileStamp(attributes.size(), attributes.lastModifiedTime().toMillis());
    }

    boolean matches(FeatureRow row) {
      return row.fileSize() == size && row.lastModifiedMillis() == modifiedMillis;
    }
  }
}
