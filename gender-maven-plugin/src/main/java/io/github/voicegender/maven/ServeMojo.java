package io.github.voicegender.maven;

import io.github.voicegender.prediction.SegmentedClassifier;
import io.github.voicegender.prediction.ClipPrediction;
import io.github.voicegender.model.GenderClassifier;
import io.github.voicegender.audio.AudioClip;
import io.github.voicegender.prediction.ClipClassifier;
import io.github.voicegender.web.ExampleClip;
import io.github.voicegender.web.ExampleClips;
import io.github.voicegender.web.GenderWebServer;
import java.io.File;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Serves the web page and JSON API ({@code POST /api/predict}, {@code GET /api/health}, {@code GET
 * /api/openapi.json}) until Ctrl+C. Binds to 127.0.0.1 unless {@code gender.host} says otherwise.
 */
@Mojo(name = "serve", requiresProject = false, threadSafe = true)
public class ServeMojo extends AbstractModelMojo {

  private String servedModel;

  /** Port to listen on; 0 picks a free one. */
  @Parameter(property = "gender.port", defaultValue = "8080")
  int port;

  /**
   * Address to bind. The default, 127.0.0.1, keeps the page on this machine; {@code 0.0.0.0} opens
   * it to the network.
   */
  @Parameter(property = "gender.host", defaultValue = GenderWebServer.DEFAULT_HOST)
  String host;

  /**
   * Example clips the page offers one click away: a LibriSpeech-layout directory (such as the
   * bundled {@code datasets/LibriSpeech}: a few readers of each sex and a conversation) or any
   * directory of WAV and FLAC files. None by default.
   */
  @Parameter(property = "gender.examplesDir")
  File examplesDir;

  /** Largest upload accepted, in megabytes; larger ones are refused with 413. */
  @Parameter(property = "gender.maxUploadMb", defaultValue = "25")
  int maxUploadMb;

  /** Skip this goal. */
  @Parameter(property = "gender.skip", defaultValue = "false")
  boolean skip;

  @Parameter(defaultValue = "${plugin}", readonly = true)
  PluginDescriptor plugin;

  /** Counted down once the server is listening; for tests. */
  final CountDownLatch started = new CountDownLatch(1);
  volatile GenderWebServer server;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("Skipping serve (gender.skip=true).");
      return;
    }
    if (port < 0 || port > 65535) {
      throw new MojoFailureException("gender.port must be 0 (any free port) to 65535, was " + port);
    }
    if (maxUploadMb < 1 || maxUploadMb > 2000) {
      throw new MojoFailureException("gender.maxUploadMb must be 1 to 2000, was " + maxUploadMb);
    }
    List<ExampleClip> examples = examples();
    ClipClassifier classifier = clipClassifier();

    Map<String, Object> info = new LinkedHashMap<>();
    info.put("model", modelDescription());
    info.put("version", plugin != null ? plugin.getVersion() : "unknown");
    GenderWebServer running;
    try {
      running = GenderWebServer.builder(classifier)
          .host(host)
          .port(port)
          .maxUploadBytes(maxUploadMb * 1024L * 1024L)
          .workerThreads(threadCount())
          .info(info)
          .examples(examples)
          .start();
    } catch (IOException e) {
      close(classifier);
      throw new MojoFailureException(e.getMessage() + " (-Dgender.port=0 picks any free port)", e);
    }
    server = running;

    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      running.stop();
      close(classifier);
      stopped.countDown();
    }, "gender-serve-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);

    getLog().info("voice-gender is serving at " + running.uri() + "  (Ctrl+C to stop)");
    getLog().info("API: POST " + running.uri().resolve("api/predict") + " with WAV or FLAC audio; "
        + "description at " + running.uri().resolve("api/openapi.json"));
    if (!running.address().getAddress().isLoopbackAddress()) {
      getLog().warn("Listening on " + running.address() + ": other machines can reach this page.");
    }
    started.countDown();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      // Stopped from inside the JVM (an IDE, a test): stop as Ctrl+C would.
      Runtime.getRuntime().removeShutdownHook(hook);
      hook.run();
      Thread.currentThread().interrupt();
    }
    getLog().info("Server stopped.");
  }

  /** The classifier the server answers with. */
  ClipClassifier clipClassifier() throws MojoExecutionException, MojoFailureException {
    return openModel();
  }

  /**
   * Opens the model to serve ({@code gender.model}, the project's trained model, or the shipped
   * one) as a classifier of whole recordings; closed by the shutdown hook.
   */
  protected ClipClassifier openModel() throws MojoExecutionException, MojoFailureException {
    ResolvedModel resolved = resolveModel();
    servedModel = resolved.description();
    try {
      return new ServedModel(resolved.open());
    } catch (IOException e) {
      throw new MojoFailureException("Cannot load the model " + resolved.description() + ": "
          + e.getMessage(), e);
    }
  }

  /** How {@code /api/health} and the page name the model. */
  protected String modelDescription() {
    return servedModel != null ? servedModel : "custom";
  }

  /** The model and the windowing over it, closed together. */
  private static final class ServedModel implements ClipClassifier, AutoCloseable {
    private final GenderClassifier model;
    private final SegmentedClassifier segmented;

    ServedModel(GenderClassifier model) {
      this.model = model;
      this.segmented = new SegmentedClassifier(model);
    }

    @Override
    public ClipPrediction classify(AudioClip clip) {
      return segmented.classify(clip);
    }

    @Override
    public void close() {
      model.close();
    }
  }

  private List<ExampleClip> examples() throws MojoFailureException {
    if (examplesDir == null) {
      return List.of();
    }
    try {
      List<ExampleClip> examples = ExampleClips.load(examplesDir.toPath(), getLog()::warn);
      getLog().info(examples.size() + " example clips from " + examplesDir);
      return examples;
    } catch (IOException e) {
      throw new MojoFailureException("gender.examplesDir: " + e.getMessage(), e);
    }
  }

  private void close(ClipClassifier classifier) {
    if (classifier instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        getLog().warn("Closing the model failed: " + e);
      }
    }
  }
}
