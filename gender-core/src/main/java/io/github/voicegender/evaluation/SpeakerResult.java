package io.github.voicegender.evaluation;

import io.github.voicegender.dataset.Gender;

/**
 * One speaker's row in the per-speaker table.
 *
 * <p>The speaker's verdict is the majority of their utterances' labels. When the vote is tied the
 * mean probability decides, with the same threshold as single utterances (female when the mean
 * probability of female is at least the threshold), so a tie goes to the side the model leaned
 * to overall.
 *
 * @param subset the subset the speaker was evaluated in
 * @param speakerId the speaker
 * @param truth the speaker's gender according to the corpus
 * @param utterances how many of their utterances were scored
 * @param correctUtterances how many of those were labelled right
 * @param votesFemale how many were labelled female
 * @param meanProbabilityFemale the mean probability of female over their utterances
 * @param verdict the majority label
 * @param tie whether the vote was tied and the mean probability decided
 */
public record SpeakerResult(String subset, String speakerId, Gender truth, int utterances,
    int correctUtterances, int votesFemale, double meanProbabilityFemale, Gender verdict,
    boolean tie) {

  /** The share of this speaker's utterances labelled right. */
  public double accuracy() {
    return (double) correctUtterances / utterances;
  }

  /** Whether the majority verdict is the speaker's true gender. */
  public boolean correct() {
    return verdict == truth;
  }
}
