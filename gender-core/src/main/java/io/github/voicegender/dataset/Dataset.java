package io.github.voicegender.dataset;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Labelled utterances read from one or more dataset roots, and what the reader noticed on the way.
 *
 * @param utterances every usable utterance, in a stable order (subset, then path)
 * @param warnings problems that did not stop reading (files with no speaker entry, speakers with
 *     no files), one line each
 */
public record Dataset(List<Utterance> utterances, List<String> warnings) {

  public Dataset {
    utterances = List.copyOf(utterances);
    warnings = List.copyOf(warnings);
  }

  /** The subsets present, sorted. */
  public Set<String> subsets() {
    Set<String> subsets = new TreeSet<>();
    utterances.forEach(u -> subsets.add(u.subset()));
    return subsets;
  }

  public List<Utterance> subset(String name) {
    return utterances.stream().filter(u -> u.subset().equals(name)).toList();
  }
}
