package io.github.voicegender.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.voicegender.dataset.Gender;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsTest {
  private static final double EPS = 1e-12;

  /** 8 males (7 right), 2 females (1 right): accuracy flatters, balanced accuracy does not. */
  private static List<ScoredUtterance> imbalanced() {
    return new Scored("dev-clean")
        .male("m1", 0.1, 0.2, 0.3, 0.9)
        .male("m2", 0.0, 0.4, 0.49, 0.05)
        .female("f1", 0.5, 0.2)
        .list();
  }

  @Test
  void confusionAndPerClassScoresOnImbalancedClasses() {
    Metrics m = Metrics.compute(imbalanced(), 0.5);

    assertEquals(new ConfusionMatrix(7, 1, 1, 1), m.confusion());
    assertEquals(10, m.utterances());
    assertEquals(0.8, m.accuracy(), EPS);
    assertEquals((7.0 / 8 + 1.0 / 2) / 2, m.balancedAccuracy(), EPS); // 0.6875

    assertEquals(new ClassMetrics(8, 8, 7, 7.0 / 8, 7.0 / 8, 7.0 / 8), m.male());
    assertEquals(2, m.female().support());
    assertEquals(2, m.female().predicted());
    assertEquals(0.5, m.female().precision(), EPS);
    assertEquals(0.5, m.female().recall(), EPS);
    assertEquals(0.5, m.female().f1(), EPS);
  }

  @Test
  void precisionAndRecallDifferAndF1IsTheirHarmonicMean() {
    List<ScoredUtterance> scored = new Scored("s")
        .female("f", 0.9, 0.8, 0.7, 0.1)   // 3 of 4 found
        .male("m", 0.6, 0.6, 0.2)          // 2 of 3 taken for female
        .list();
    Metrics m = Metrics.compute(scored, 0.5);
    assertEquals(new ConfusionMatrix(1, 2, 1, 3), m.confusion());
    assertEquals(3.0 / 5, m.female().precision(), EPS);
    assertEquals(3.0 / 4, m.female().recall(), EPS);
    assertEquals(2 * 0.6 * 0.75 / (0.6 + 0.75), m.female().f1(), EPS); // 0.6667
    assertEquals(1.0 / 2, m.male().precision(), EPS);
    assertEquals(1.0 / 3, m.male().recall(), EPS);
    assertEquals(2 * 0.5 / 3 / (0.5 + 1.0 / 3), m.male().f1(), EPS); // 0.4
    assertEquals((0.75 + 1.0 / 3) / 2, m.balancedAccuracy(), EPS);
  }

  @Test
  void aModelThatAlwaysSaysMaleScoresZeroOnFemalesWithoutDividingByZero() {
    List<ScoredUtterance> scored = new Scored("s").male("m", 0.1, 0.1, 0.1).female("f", 0.2).list();
    Metrics m = Metrics.compute(scored, 0.5);
    assertEquals(0.75, m.accuracy(), EPS);
    assertEquals(0.5, m.balancedAccuracy(), EPS);
    assertEquals(new ClassMetrics(1, 0, 0, 0, 0, 0), m.female());
    assertEquals(0.75, m.male().precision(), EPS);
  }

  @Test
  void balancedAccuracyAveragesOnlyTheClassesPresent() {
    Metrics m = Metrics.compute(new Scored("s").male("m", 0.1, 0.7).list(), 0.5);
    assertEquals(0.5, m.balancedAccuracy(), EPS);
    assertEquals(0, m.female().support());
    assertEquals(0, m.female().recall(), EPS);
    assertTrue(Double.isNaN(m.rocAuc()));
  }

  @Test
  void thresholdIsInclusiveForFemale() {
    Metrics at = Metrics.compute(new Scored("s").female("f", 0.5).list(), 0.5);
    assertEquals(1.0, at.accuracy(), EPS);
    Metrics strict = Metrics.compute(new Scored("s").female("f", 0.5, 0.85).list(), 0.8);
    assertEquals(new ConfusionMatrix(0, 0, 1, 1), strict.confusion());
  }

  @Test
  void speakerVerdictIsTheMajorityAndMeanProbabilityBreaksTies() {
    List<ScoredUtterance> scored = new Scored("dev-clean")
        .female("1", 0.9, 0.2)        // tie, mean 0.55 -> female, right
        .male("2", 0.6, 0.1)          // tie, mean 0.35 -> male, right
        .male("3", 0.7, 0.8, 0.1)     // 2 of 3 say female -> female, wrong
        .female("4", 0.4)             // male, wrong
        .male("10", 0.25, 0.75)       // tie, mean exactly 0.5 -> female (inclusive), wrong
        .list();
    Metrics m = Metrics.compute(scored, 0.5);

    assertEquals(5, m.speakers());
    assertEquals(2, m.speakersCorrect());
    assertEquals(2.0 / 5, m.speakerAccuracy(), EPS);
    List<SpeakerResult> table = m.speakerTable();
    assertEquals(List.of("1", "2", "3", "4", "10"),
        table.stream().map(SpeakerResult::speakerId).toList(), "numeric IDs in numeric order");

    SpeakerResult one = table.get(0);
    assertTrue(one.tie());
    assertEquals(Gender.FEMALE, one.verdict());
    assertEquals(0.55, one.meanProbabilityFemale(), EPS);
    assertEquals(0.5, one.accuracy(), EPS);
    assertTrue(one.correct());

    SpeakerResult two = table.get(1);
    assertTrue(two.tie());
    assertEquals(Gender.MALE, two.verdict());
    assertTrue(two.correct());

    SpeakerResult three = table.get(2);
    assertFalse(three.tie());
    assertEquals(3, three.utterances());
    assertEquals(2, three.votesFemale());
    assertEquals(1.0 / 3, three.accuracy(), EPS);
    assertEquals(Gender.FEMALE, three.verdict());
    assertFalse(three.correct());

    assertEquals(Gender.MALE, table.get(3).verdict());
    assertEquals(Gender.FEMALE, table.get(4).verdict());
    assertTrue(table.get(4).tie());
  }

  @Test
  void speakersAreToldApartBySubsetAndBlocksAreComputedPerSubset() {
    List<ScoredUtterance> scored = new ArrayList<>(new Scored("test").male("7", 0.1, 0.2).list());
    scored.addAll(new Scored("dev-clean").female("7", 0.9, 0.4, 0.3).list());
    EvaluationResult result = EvaluationResult.of(scored);

    assertEquals(2, result.speakers());
    assertEquals(List.of("test", "dev-clean"), List.copyOf(result.subsets().keySet()));
    assertEquals(1.0, result.subsets().get("test").accuracy(), EPS);
    assertEquals(1.0 / 3, result.subsets().get("dev-clean").accuracy(), EPS);
    assertEquals(0.0, result.subsets().get("dev-clean").speakerAccuracy(), EPS);
    assertEquals(3.0 / 5, result.accuracy(), EPS);
    assertEquals(0.5, result.speakerAccuracy(), EPS);
    assertEquals((1.0 + 1.0 / 3) / 2, result.balancedAccuracy(), EPS);
    assertEquals(EvaluationResult.DEFAULT_THRESHOLD, result.threshold());
  }

  @Test
  void worstClassifiedAreTheFarthestFromTheTruth() {
    Metrics m = Metrics.compute(imbalanced(), 0.5);
    List<ScoredUtterance> worst = m.worstClassified(3);
    assertEquals(List.of(0.9, 0.2, 0.5),
        worst.stream().map(ScoredUtterance::probabilityFemale).toList());
    assertEquals(0.9, worst.get(0).error(), EPS);
    assertEquals(0.8, worst.get(1).error(), EPS);
    assertEquals(10, m.worstClassified(50).size());
  }

  @Test
  void probabilitiesAreKeptByTrueClassForTheHistogram() {
    Metrics m = Metrics.compute(imbalanced(), 0.5);
    assertEquals(8, m.probabilitiesFemale(Gender.MALE).length);
    assertEquals(0.7, java.util.Arrays.stream(m.probabilitiesFemale(Gender.FEMALE)).sum(), EPS);
  }

  @Test
  void aFeatureStoreRowBecomesAScoredUtterance() {
    var row = new io.github.voicegender.extraction.FeatureRow(Path.of("/d/1-2-3.flac"), "1",
        Gender.FEMALE, "dev-clean", 10, 20, 3.5, new float[] {1f});
    assertEquals(new ScoredUtterance(Path.of("/d/1-2-3.flac"), "1", "dev-clean", Gender.FEMALE,
        0.25), ScoredUtterance.of(row, 0.25));
  }

  @Test
  void refusesWhatCannotBeEvaluated() {
    assertThrows(IllegalArgumentException.class, () -> EvaluationResult.of(List.of()));
    assertThrows(IllegalArgumentException.class,
        () -> EvaluationResult.of(imbalanced(), 0.0));
    IllegalArgumentException conflict = assertThrows(IllegalArgumentException.class,
        () -> EvaluationResult.of(new Scored("s").male("9", 0.1).female("9", 0.9).list()));
    assertTrue(conflict.getMessage().contains("labelled both male and female"),
        conflict.getMessage());
    IllegalArgumentException notProbability = assertThrows(IllegalArgumentException.class,
        () -> new ScoredUtterance(Path.of("a.wav"), "1", "s", Gender.MALE, 1.2));
    assertTrue(notProbability.getMessage().contains("a.wav"));
    assertThrows(IllegalArgumentException.class,
        () -> new ScoredUtterance(Path.of("a.wav"), "1", "s", Gender.MALE, Double.NaN));
  }
}
