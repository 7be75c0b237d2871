package io.github.voicegender.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.voicegender.dataset.Gender;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RocCurveTest {
  private static final double EPS = 1e-12;

  @Test
  void aPerfectScorerHasAreaOne() {
    RocCurve roc = RocCurve.of(new Scored("s").male("m", 0.1, 0.3, 0.45).female("f", 0.46, 0.9).list());
    assertEquals(1.0, roc.auc(), EPS);
    // It passes through the top-left corner: every female found before any male.
    assertTrue(roc.points().contains(new RocCurve.Point(0.46, 0.0, 1.0)));
    assertEquals(new RocCurve.Point(0.1, 1.0, 1.0), roc.points().get(roc.points().size() - 1));
    assertEquals(0.0, roc.points().get(0).truePositiveRate());
  }

  @Test
  void anInvertedScorerHasAreaZero() {
    RocCurve roc = RocCurve.of(new Scored("s").male("m", 0.9, 0.8).female("f", 0.2, 0.1).list());
    assertEquals(0.0, roc.auc(), EPS);
  }

  @Test
  void handComputedPairsWithATieCountingHalf() {
    // Female scores {0.9, 0.4, 0.6}, male {0.6, 0.1}: pairs won by the female score
    // 0.9>0.6, 0.9>0.1, 0.4<0.6, 0.4>0.1, 0.6=0.6 (half), 0.6>0.1 -> 4.5 of 6.
    RocCurve roc = RocCurve.of(new Scored("s").female("f", 0.9, 0.4, 0.6).male("m", 0.6, 0.1).list());
    assertEquals(4.5 / 6, roc.auc(), EPS);
    assertEquals(5, roc.points().size(), "origin plus one point per distinct score");
  }

  @Test
  void aScorerThatSaysTheSameForEveryoneIsAtChance() {
    RocCurve roc = RocCurve.of(new Scored("s").male("m", 0.5, 0.5).female("f", 0.5).list());
    assertEquals(0.5, roc.auc(), EPS);
    assertEquals(List.of(new RocCurve.Point(Double.POSITIVE_INFINITY, 0, 0),
        new RocCurve.Point(0.5, 1, 1)), roc.points());
  }

  @Test
  void aRandomScorerIsNearChance() {
    Random random = new Random(42);
    List<ScoredUtterance> scored = new ArrayList<>();
    for (int i = 0; i < 4000; i++) {
      Gender truth = random.nextInt(3) == 0 ? Gender.FEMALE : Gender.MALE;
      scored.add(new ScoredUtterance(Path.of(i + ".wav"), "s" + i, "s", truth, random.nextDouble()));
    }
    // Standard error of the AUC here is about 0.0095.
    assertEquals(0.5, RocCurve.of(scored).auc(), 0.03);
  }

  @Test
  void oneClassAloneHasNoArea() {
    assertTrue(Double.isNaN(RocCurve.of(new Scored("s").female("f", 0.2, 0.9).list()).auc()));
  }
}
