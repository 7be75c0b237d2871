package io.github.voicegender.dataset;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Files, speakers and hours of audio per subset and gender, as the prototype reported them ("28539
 * files: male 14197 (49.75%), female 14342 (50.25%)"), and per speaker as well.
 *
 * @param subsets one line of figures per subset, then the total under the name {@code all}
 */
public record DatasetStatistics(Map<String, SubsetFigures> subsets) {

  /**
   * @param files utterances
   * @param femaleFiles utterances of female speakers
   * @param speakers distinct speakers
   * @param femaleSpeakers distinct female speakers
   * @param hours audio, where durations were known
   */
  public record SubsetFigures(int files, int femaleFiles, int speakers, int femaleSpeakers,
      double hours) {

    public int maleFiles() {
      return files - femaleFiles;
    }

    public int maleSpeakers() {
      return speakers - femaleSpeakers;
    }
  }

  /**
   * @param utterances the utterances to count
   * @param durationSeconds audio length per file, where known (files missing from it count 0 hours)
   */
  public static DatasetStatistics of(List<Utterance> utterances, Map<Path, Double> durationSeconds) {
    Map<String, List<Utterance>> bySubset = new TreeMap<>();
    for (Utterance utterance : utterances) {
      bySubset.computeIfAbsent(utterance.subset(), s -> new ArrayList<>()).add(utterance);
    }
    Map<String, SubsetFigures> figures = new LinkedHashMap<>();
    bySubset.forEach((subset, list) -> figures.put(subset, figuresOf(list, durationSeconds)));
    if (bySubset.size() > 1) {
      figures.put("all", figuresOf(utterances, durationSeconds));
    }
    return new DatasetStatistics(figures);
  }

  private static SubsetFigures figuresOf(List<Utterance> utterances, Map<Path, Double> durations) {
    int femaleFiles = 0;
    Set<String> speakers = new HashSet<>();
    Set<String> femaleSpeakers = new HashSet<>();
    double seconds = 0;
    for (Utterance utterance : utterances) {
      // The subset qualifies the id: two corpora may reuse the same speaker numbers.
      String speaker = utterance.subset() + "/" + utterance.speakerId();
      speakers.add(speaker);
      if (utterance.gender() == Gender.FEMALE) {
        femaleFiles++;
        femaleSpeakers.add(speaker);
      }
      seconds += durations.getOrDefault(utterance.audio(), 0.0);
    }
    return new SubsetFigures(utterances.size(), femaleFiles, speakers.size(), femaleSpeakers.size(),
        seconds / 3600);
  }

  /** A small table, one line per subset, for the log. */
  public List<String> format() {
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, "%-16s %7s %17s %17s %8s %15s %15s %7s", "subset", "files",
        "female files", "male files", "speakers", "female", "male", "hours"));
    subsets.forEach((subset, f) -> lines.add(String.format(Locale.ROOT,
        "%-16s %7d %7d (%5.1f%%) %7d (%5.1f%%) %8d %5d (%5.1f%%) %5d (%5.1f%%) %7.2f", subset,
        f.files(), f.femaleFiles(), percent(f.femaleFiles(), f.files()), f.maleFiles(),
        percent(f.maleFiles(), f.files()), f.speakers(), f.femaleSpeakers(),
        percent(f.femaleSpeakers(), f.speakers()), f.maleSpeakers(),
        percent(f.maleSpeakers(), f.speakers()), f.hours())));
    return lines;
  }

  private static double percent(int part, int whole) {
    return whole == 0 ? 0 : 100.0 * part / whole;
  }
}
