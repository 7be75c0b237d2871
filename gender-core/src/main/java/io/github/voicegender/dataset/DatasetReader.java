package io.github.voicegender.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads labelled utterances from dataset roots. A root is either a directory in the LibriSpeech
 * layout ({@code SPEAKERS.TXT} beside one directory per subset, then
 * {@code <speaker>/<chapter>/<speaker>-<chapter>-<utt>.flac}) or a CSV manifest ({@link
 * ManifestReader}) whose file name, without extension, is its subset name. Each requested subset is
 * looked up in every root that has it.
 */
public final class DatasetReader {

  /** Extensions taken as audio when scanning a LibriSpeech-layout subset. */
  static final Set<String> AUDIO_EXTENSIONS = Set.of("flac", "wav");

  /** How many example ids a warning lists before it says "and N more". */
  private static final int EXAMPLES_IN_WARNING = 5;

  private DatasetReader() {}

  public static Dataset read(List<Path> roots, Collection<String> subsets) throws DatasetException {
    if (roots.isEmpty()) {
      throw new DatasetException("No dataset root given: set gender.datasetDir.");
    }
    List<Utterance> utterances = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    Map<String, List<Path>> foundIn = new LinkedHashMap<>();
    subsets.forEach(s -> foundIn.put(s, new ArrayList<>()));

    List<List<Utterance>> perRoot = new ArrayList<>();
    for (Path root : roots) {
      List<Utterance> fromRoot = new ArrayList<>();
      perRoot.add(fromRoot);
      if (isManifest(root)) {
        String subset = ManifestReader.subsetName(root);
        if (foundIn.containsKey(subset)) {
          fromRoot.addAll(ManifestReader.read(root, subset));
          foundIn.get(subset).add(root);
        }
        continue;
      }
      Path speakersFile = requireLibriSpeechRoot(root);
      Map<String, Speaker> speakers = SpeakersFile.read(speakersFile);
      for (String subset : subsets) {
        Path subsetDir = root.resolve(subset);
        if (Files.isDirectory(subsetDir)) {
          fromRoot.addAll(readSubset(subsetDir, subset, speakers, warnings));
          foundIn.get(subset).add(root);
        }
      }
    }
    utterances.addAll(keepSpeakersOfEachRootApart(roots, perRoot, warnings));

    for (Map.Entry<String, List<Path>> entry : foundIn.entrySet()) {
      if (entry.getValue().isEmpty()) {
        throw new DatasetException("Subset '" + entry.getKey() + "' was not found in "
            + describe(roots) + " (it has " + describeSubsets(roots) + "). "
            + "Download it (LibriSpeech subsets: https://www.openslr.org/12), or name the subsets "
            + "you have with gender.subsets / gender.trainSubsets / gender.evalSubsets.");
      }
    }
    utterances.sort(Comparator.comparing(Utterance::subset).thenComparing(Utterance::audio));
    return new Dataset(utterances, warnings);
  }

  /**
   * Speaker ids are only unique within one corpus: speechocean762's 3168 is a woman, LibriSpeech's
   * 3168 a man. An id found under several roots is therefore qualified with its root's name
   * ({@code librispeech-sample/3168}), so that the speaker-disjoint validation split and the
   * per-speaker results never merge two people.
   */
  private static List<Utterance> keepSpeakersOfEachRootApart(List<Path> roots,
      List<List<Utterance>> perRoot, List<String> warnings) {
    Map<String, Set<Integer>> rootsOfId = new LinkedHashMap<>();
    for (int r = 0; r < perRoot.size(); r++) {
      for (Utterance utterance : perRoot.get(r)) {
        rootsOfId.computeIfAbsent(utterance.speakerId(), id -> new TreeSet<>()).add(r);
      }
    }
    Set<String> shared = rootsOfId.entrySet().stream()
        .filter(e -> e.getValue().size() > 1)
        .map(Map.Entry::getKey)
        .collect(Collectors.toCollection(TreeSet::new));
    List<Utterance> all = new ArrayList<>();
    for (int r = 0; r < perRoot.size(); r++) {
      String rootName = rootName(roots, r);
      for (Utterance u : perRoot.get(r)) {
        all.add(shared.contains(u.speakerId())
            ? new Utterance(u.audio(), rootName + "/" + u.speakerId(), u.gender(), u.subset())
            : u);
      }
    }
    if (!shared.isEmpty()) {
      warnings.add(shared.size() + " speaker ids occur in more than one dataset root and are kept "
          + "apart as <root>/<id> (different corpora number their speakers independently): "
          + examples(shared));
    }
    return all;
  }

  /** The root's directory or manifest name, made unique among the roots by its position. */
  private static String rootName(List<Path> roots, int index) {
    Path name = roots.get(index).toAbsolutePath().normalize().getFileName();
    String text = name == null ? "root" : name.toString();
    long sameName = roots.stream()
        .map(p -> p.toAbsolutePath().normalize().getFileName())
        .filter(n -> n != null && n.toString().equals(text))
        .count();
    return sameName > 1 ? text + "#" + (index + 1) : text;
  }

  static boolean isManifest(Path root) {
    return root.getFileName() != null
        && root.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
  }

  private static Path requireLibriSpeechRoot(Path root) throws DatasetException {
    if (!Files.isDirectory(root)) {
      throw new DatasetException("Dataset directory " + root.toAbsolutePath() + " does not exist. "
          + howToGetLibriSpeech());
    }
    Path speakersFile = root.resolve(SpeakersFile.FILE_NAME);
    if (!Files.isRegularFile(speakersFile)) {
      throw new DatasetException("No " + SpeakersFile.FILE_NAME + " in " + root.toAbsolutePath()
          + ": a LibriSpeech-layout dataset needs it for the speakers' sex. " + howToGetLibriSpeech());
    }
    return speakersFile;
  }

  /** What every "dataset not found" message ends with. */
  public static String howToGetLibriSpeech() {
    return "Download LibriSpeech with mvn gender:download -Dgender.subsets=train-clean-100,dev-clean "
        + "(or by hand from https://www.openslr.org/12, unpacked so that <dir>/SPEAKERS.TXT and "
        + "<dir>/<subset>/ exist), and point -Dgender.datasetDir=<dir> (or GENDER_DATASET_DIR, or a "
        + ".env file) at it.";
  }

  private static List<Utterance> readSubset(Path subsetDir, String subset,
      Map<String, Speaker> speakers, List<String> warnings) throws DatasetException {
    List<Utterance> utterances = new ArrayList<>();
    Set<String> unknownSpeakers = new TreeSet<>();
    int unlabelledFiles = 0;
    Set<String> speakersWithAudio = new TreeSet<>();
    // <subset>/<speaker>/<chapter>/<file>: the speaker is the first directory below the subset.
    try (Stream<Path> files = Files.walk(subsetDir, 3)) {
      for (Path file : (Iterable<Path>) files.sorted()::iterator) {
        if (!Files.isRegularFile(file) || !isAudio(file) || subsetDir.relativize(file).getNameCount() != 3) {
          continue;
        }
        String speakerId = subsetDir.relativize(file).getName(0).toString();
        Speaker speaker = speakers.get(speakerId);
        if (speaker == null) {
          unknownSpeakers.add(speakerId);
          unlabelledFiles++;
          continue;
        }
        speakersWithAudio.add(speakerId);
        utterances.add(new Utterance(file.toAbsolutePath(), speakerId, speaker.gender(), subset));
      }
    } catch (IOException e) {
      throw new DatasetException("Cannot list " + subsetDir + ": " + e.getMessage(), e);
    }
    if (unlabelledFiles > 0) {
      warnings.add(subset + ": " + unlabelledFiles + " audio files skipped, their speakers have no "
          + "entry in " + SpeakersFile.FILE_NAME + ": " + examples(unknownSpeakers));
    }
    Set<String> silentSpeakers = speakers.values().stream()
        .filter(s -> s.subset().equals(subset) && !speakersWithAudio.contains(s.id()))
        .map(Speaker::id)
        .collect(Collectors.toCollection(TreeSet::new));
    if (!silentSpeakers.isEmpty()) {
      warnings.add(subset + ": " + silentSpeakers.size() + " speakers listed for it in "
          + SpeakersFile.FILE_NAME + " have no audio here: " + examples(silentSpeakers));
    }
    if (utterances.isEmpty()) {
      warnings.add(subset + ": no labelled audio files under " + subsetDir);
    }
    return utterances;
  }

  static boolean isAudio(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 && AUDIO_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  private static String examples(Set<String> ids) {
    String shown = ids.stream().limit(EXAMPLES_IN_WARNING).collect(Collectors.joining(", "));
    return ids.size() > EXAMPLES_IN_WARNING ? shown + " and " + (ids.size() - EXAMPLES_IN_WARNING) + " more" : shown;
  }

  private static String describe(List<Path> roots) {
    return roots.stream().map(r -> r.toAbsolutePath().toString()).collect(Collectors.joining(", "));
  }

  private static String describeSubsets(List<Path> roots) {
    Set<String> present = new TreeSet<>();
    for (Path root : roots) {
      if (isManifest(root)) {
        present.add(ManifestReader.subsetName(root));
        continue;
      }
      try (Stream<Path> children = Files.list(root)) {
        children.filter(Files::isDirectory)
            .map(d -> d.getFileName().toString())
            .filter(name -> !name.startsWith(".")) // download state and staging, not subsets
            .forEach(present::add);
      } catch (IOException e) {
        // Only used to enrich an error message: an unreadable root simply lists nothing.
      }
    }
    return present.isEmpty() ? "no subsets" : "subsets " + String.join(", ", present);
  }
}
