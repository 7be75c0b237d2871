package io.github.voicegender.web;

import io.github.voicegender.audio.AudioClip;
import io.github.voicegender.audio.AudioDecoder;
import io.github.voicegender.audio.AudioDecodingException;
import io.github.voicegender.audio.Resampler;
import io.github.voicegender.dataset.DatasetException;
import io.github.voicegender.dataset.Gender;
import io.github.voicegender.dataset.Speaker;
import io.github.voicegender.dataset.SpeakersFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Builds the page's example clips from a directory, converted to 16 kHz WAV in memory.
 *
 * <p>A LibriSpeech-layout directory (with {@code SPEAKERS.TXT}, such as the bundled sample {@code
 * datasets/LibriSpeech}) gives one utterance of each of a few female and male readers, and a
 * "conversation" that joins them in turns, long enough to show the timeline of segments. Any other
 * directory gives its WAV and FLAC files, by name.
 */
public final class ExampleClips {

  public static final int SAMPLE_RATE = 16_000;
  static final int MAX_CLIPS = 8;
  static final int READERS_PER_SEX = 2;
  private static final double PAUSE_SECONDS = 0.4;

  private ExampleClips() {}

  /**
   * Loads examples from {@code dir}; files that cannot be decoded are reported to {@code warnings}
   * and left out.
   *
   * @throws IOException if the directory cannot be listed or its SPEAKERS.TXT cannot be read
   */
  public static List<ExampleClip> load(Path dir, Consumer<String> warnings) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException("Example clips directory " + dir + " does not exist or is not a directory.");
    }
    List<Path> audio = audioFiles(dir);
    Path speakers = dir.resolve(SpeakersFile.FILE_NAME);
    return Files.isRegularFile(speakers)
        ? fromLibriSpeech(speakers, audio, warnings)
        : fromFiles(audio, warnings);
  }

  private static List<ExampleClip> fromFiles(List<Path> audio, Consumer<String> warnings) {
    List<ExampleClip> clips = new ArrayList<>();
    AudioDecoder decoder = new AudioDecoder();
    for (Path file : audio) {
      if (clips.size() == MAX_CLIPS) {
        break;
      }
      AudioClip clip = decode(decoder, file, warnings);
      if (clip != null) {
        String name = file.getFileName().toString().replaceFirst("\\.[^.]+$", "");
        clips.add(clip(id(name, clips.size()), name, "", clip));
      }
    }
    return clips;
  }

  private static List<ExampleClip> fromLibriSpeech(Path speakersFile, List<Path> audio,
      Consumer<String> warnings) throws IOException {
    Map<String, Speaker> speakers;
    try {
      speakers = SpeakersFile.read(speakersFile);
    } catch (DatasetException e) {
      throw new IOException(e.getMessage(), e);
    }
    // The first utterance of each reader, evaluation readers first (never seen in training).
    Map<String, Path> firstUtterance = new LinkedHashMap<>();
    for (Path file : audio) {
      String speakerId = file.getFileName().toString().split("-", 2)[0];
      if (speakers.containsKey(speakerId)) {
        firstUtterance.putIfAbsent(speakerId, file);
      }
    }
    List<String> readers = new ArrayList<>(firstUtterance.keySet());
    readers.sort(Comparator.comparing((String id) -> speakers.get(id).subset().startsWith("train"))
        .thenComparing(id -> id));

    AudioDecoder decoder = new AudioDecoder();
    List<ExampleClip> clips = new ArrayList<>();
    Map<Gender, List<AudioClip>> bySex = new LinkedHashMap<>();
    for (String id : readers) {
      Speaker speaker = speakers.get(id);
      List<AudioClip> ofSex = bySex.computeIfAbsent(speaker.gender(), g -> new ArrayList<>());
      if (ofSex.size() == READERS_PER_SEX) {
        continue;
      }
      AudioClip clip = decode(decoder, firstUtterance.get(id), warnings);
      if (clip == null) {
        continue;
      }
      ofSex.add(clip);
      String sex = speaker.gender().label();
      clips.add(clip("reader-" + id, capitalise(sex) + " reader " + id,
          speaker.subset() + ", labelled " + sex, clip));
    }
    clips.sort(Comparator.comparing(ExampleClip::title));
    List<AudioClip> ordered = alternate(bySex);
    if (ordered.size() >= 2) {
      clips.add(clip("conversation", "Conversation", ordered.size() + " readers taking turns", join(ordered)));
    }
    return clips;
  }

  /** Female, male, female, male... so the conversation's timeline changes colour at each turn. */
  private static List<AudioClip> alternate(Map<Gender, List<AudioClip>> bySex) {
    List<AudioClip> female = bySex.getOrDefault(Gender.FEMALE, List.of());
    List<AudioClip> male = bySex.getOrDefault(Gender.MALE, List.of());
    List<AudioClip> ordered = new ArrayList<>();
    for (int i = 0; i < Math.max(female.size(), male.size()); i++) {
      if (i < female.size()) {
        ordered.add(female.get(i));
      }
      if (i < male.size()) {
        ordered.add(male.get(i));
      }
    }
    return ordered;
  }

  private static AudioClip join(List<AudioClip> clips) {
    int pause = (int) (PAUSE_SECONDS * SAMPLE_RATE);
    int total = clips.stream().mapToInt(c -> c.samples().length + pause).sum();
    float[] joined = new float[total];
    int at = 0;
    for (AudioClip clip : clips) {
      System.arraycopy(clip.samples(), 0, joined, at, clip.samples().length);
      at += clip.samples().length + pause;
    }
    return new AudioClip(joined, SAMPLE_RATE);
  }

  private static AudioClip decode(AudioDecoder decoder, Path file, Consumer<String> warnings) {
    try {
      return Resampler.resample(decoder.decode(file), SAMPLE_RATE);
    } catch (AudioDecodingException e) {
      warnings.accept("Example clip left out: " + e.getMessage());
      return null;
    }
  }

  private static ExampleClip clip(String id, String title, String description, AudioClip clip) {
    return new ExampleClip(id, title, description, WavEncoder.encode16BitMono(clip), clip.durationSeconds());
  }

  private static List<Path> audioFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile)
          .filter(f -> {
            String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
            return name.endsWith(".wav") || name.endsWith(".flac");
          })
          .sorted()
          .toList();
    }
  }

  private static String id(String name, int index) {
    String id = name.replaceAll("[^A-Za-z0-9_-]", "-");
    id = id.length() > 48 ? id.substring(0, 48) : id;
    return (id.isEmpty() ? "clip" : id) + "-" + (index + 1);
  }

  private static String capitalise(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
