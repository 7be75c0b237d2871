package io.github.voicegender.extraction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.voicegender.PipelineLog;
import io.github.voicegender.SharedCorpus;
import io.github.voicegender.dataset.Dataset;
import io.github.voicegender.dataset.DatasetReader;
import io.github.voicegender.dataset.Gender;
import io.github.voicegender.dataset.SpeakersFile;
import io.github.voicegender.dataset.Speaker;
import io.github.voicegender.features.FeatureConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Extracts every file of both real corpora with the default configuration: nothing may be skipped. */
class SharedCorpusExtractionTest {

  @TempDir Path store;

  @Test
  void extractsAllOfBothCorporaWithTheirLabels() throws Exception {
    Path speechocean = SharedCorpus.dataset("speechocean762");
    Path librispeech = SharedCorpus.dataset("librispeech-sample");
    Dataset dataset = DatasetReader.read(List.of(speechocean, librispeech),
        List.of("train", "test", "train-clean-100"));
    FeatureConfig config = FeatureConfig.defaults();

    ExtractionSummary summary = new FeatureExtraction(config, () -> new AudioFeatureExtractor(config),
        Runtime.getRuntime().availableProcessors(), false, PipelineLog.SILENT, Duration.ofSeconds(30))
        .run(dataset, new FeatureStore(store));

    assertEquals(List.of(), summary.failures(), "files skipped");
    assertEquals(2072 + 126, summary.files());
    Map<String, List<FeatureRow>> rows = summary.rows();
    assertEquals(1340, rows.get("train").size());
    assertEquals(732, rows.get("test").size());
    assertEquals(126, rows.get("train-clean-100").size());
    assertGenders(rows.get("train"), 41, 26);
    assertGenders(rows.get("test"), 31, 30);
    assertGenders(rows.get("train-clean-100"), 57, 69);
    // Labels are the ones SPEAKERS.TXT gives.
    Map<String, Speaker> speakers = SpeakersFile.read(speechocean.resolve("SPEAKERS.TXT"));
    for (FeatureRow row : rows.get("test")) {
      assertEquals(speakers.get(row.speakerId()).gender(), row.gender(), row.audio().toString());
    }
    // speechocean762: 156 minutes; the LibriSpeech sample: about 26 minutes.
    assertEquals(156 + 26, summary.audioSeconds() / 60, 8);
    for (List<FeatureRow> table : rows.values()) {
      for (FeatureRow row : table) {
        for (float v : row.vector()) {
          assertTrue(Float.isFinite(v), "non-finite feature in " + row.audio());
        }
      }
    }
  }

  private static void assertGenders(List<FeatureRow> rows, int female, int male) {
    Predicate<FeatureRow> isFemale = r -> r.gender() == Gender.FEMALE;
    assertEquals(female, rows.stream().filter(isFemale).map(FeatureRow::speakerId).collect(Collectors.toSet()).size());
    assertEquals(male, rows.stream().filter(isFemale.negate()).map(FeatureRow::speakerId).collect(Collectors.toSet()).size());
  }
}
