package io.github.voicegender.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QualityGateTest {

  private static EvaluationResult eightOfTen() {
    return EvaluationResult.of(new Scored("dev-clean")
        .male("m1", 0.1, 0.2, 0.3, 0.9)
        .male("m2", 0.0, 0.4, 0.49, 0.05)
        .female("f1", 0.5, 0.2)
        .list());
  }

  @Test
  void passesAtOrAboveTheMinimum() {
    assertEquals(Optional.empty(), eightOfTen().check(0.8));
    assertEquals(Optional.empty(), eightOfTen().check(0.0));
  }

  @Test
  void failsBelowTheMinimumSayingByHowMuchWhereAndWhatToDo() {
    String message = eightOfTen().check(0.9).orElseThrow();
    assertTrue(message.startsWith("Accuracy 0.8000 is below the required minimum 0.9000"), message);
    assertTrue(message.contains("8 of 10 utterances"), message);
    assertTrue(message.contains("males taken for female: 1, females taken for male: 1"), message);
    assertTrue(message.contains("Balanced accuracy 0.6875"), message);
    assertTrue(message.contains("female recall 0.5000 is the weaker"), message);
    assertTrue(message.contains("2 of 3 speakers right by majority vote"), message);
    assertTrue(message.contains("worst-classified"), message);
    assertTrue(message.contains("lower the minimum"), message);
  }

  @Test
  void namesEachSubsetWhenThereAreSeveral() {
    List<ScoredUtterance> scored = new ArrayList<>(new Scored("dev-clean").male("1", 0.9, 0.1).list());
    scored.addAll(new Scored("test").female("2", 0.9).list());
    String message = EvaluationResult.of(scored).check(0.99).orElseThrow();
    assertTrue(message.contains("By subset: dev-clean 0.5000 (2 utterances); test 1.0000 (1 utterances)."),
        message);
  }

  @Test
  void aMinimumThatIsNotAShareIsRefusedClearly() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> eightOfTen().check(95));
    assertTrue(e.getMessage().contains("between 0 and 1"), e.getMessage());
  }
}
