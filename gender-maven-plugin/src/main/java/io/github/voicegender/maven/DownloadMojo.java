package io.github.voicegender.maven;

import io.github.voicegender.dataset.DatasetLocation;
import io.github.voicegender.download.DownloadException;
import io.github.voicegender.download.DownloadOptions;
import io.github.voicegender.download.LibriSpeechDownloader;
import io.github.voicegender.download.ProxySettings;
import io.github.voicegender.download.SubsetDownload;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * Downloads LibriSpeech subsets from OpenSLR (or the mirrors given), verifies each archive's MD5
 * and unpacks it into the dataset directory, the first of {@code gender.datasetDir}'s roots. Resumes
 * interrupted downloads, retries transient failures, honours the active proxy of Maven's
 * settings.xml, and skips subsets that are already there.
 */
@Mojo(name = "download", requiresProject = false, threadSafe = true)
public class DownloadMojo extends AbstractGenderMojo {

  /** Subsets to download, comma-separated; default: the training and evaluation subsets. */
  @Parameter(property = "gender.subsets")
  String subsets;

  /** Base URL of the archives ({@code <url>/<subset>.tar.gz}); several, comma-separated, are tried in turn. */
  @Parameter(property = "gender.downloadUrl", defaultValue = DownloadOptions.DEFAULT_URL)
  String downloadUrl;

  /**
   * A file or URL in md5sum.txt format ({@code <md5>  <subset>.tar.gz} lines) that replaces the
   * built-in checksums of OpenSLR's archives, for a private mirror.
   */
  @Parameter(property = "gender.checksums")
  String checksums;

  /** Retries of a transient failure (connection lost, HTTP 5xx or 429) per mirror. */
  @Parameter(property = "gender.downloadRetries", defaultValue = "5")
  int retries;

  /** Seconds between progress lines. */
  @Parameter(property = "gender.progressSeconds", defaultValue = "10")
  int progressSeconds;

  /** Skip this goal. */
  @Parameter(property = "gender.skip", defaultValue = "false")
  boolean skip;

  @Component
  SettingsDecrypter settingsDecrypter;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("Skipping download (gender.skip=true).");
      return;
    }
    List<String> wanted = subsets == null || subsets.isBlank() ? trainAndEvalSubsets() : splitList(subsets);
    if (wanted.isEmpty()) {
      throw new MojoFailureException("gender.subsets names no subset.");
    }
    DatasetLocation location = datasetLocation();
    Path target = location.roots().get(0);
    if (target.getFileName() != null && target.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
      throw new MojoFailureException("gender.datasetDir's first root " + target + " (from " + location.source()
          + ") is a CSV manifest; gender:download unpacks into a directory. Put a directory first.");
    }
    getLog().info("Downloading " + wanted + " into " + target + " (from " + location.source()
        + (location.roots().size() > 1 ? "; the first of " + location.roots().size() + " roots" : "") + ")");

    DownloadOptions options;
    try {
      options = DownloadOptions.defaults()
          .withMirrors(DownloadOptions.parseMirrors(downloadUrl))
          .withChecksums(checksums)
          .withRetries(retries, DownloadOptions.defaults().initialBackoff(), DownloadOptions.defaults().maxBackoff())
          .withProgressInterval(Duration.ofSeconds(Math.max(1, progressSeconds)))
          .withProxy(proxy(session == null ? null : session.getSettings()));
    } catch (IllegalArgumentException e) {
      throw new MojoFailureException("gender.downloadUrl / gender.downloadRetries / proxy: " + e.getMessage(), e);
    }

    List<SubsetDownload> results;
    try {
      results = new LibriSpeechDownloader(target, options, pipelineLog()).download(wanted);
    } catch (DownloadException e) {
      throw new MojoFailureException(e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MojoExecutionException("Download interrupted; run again to resume.", e);
    }
    long downloaded = results.stream().filter(r -> r.status() == SubsetDownload.Status.DOWNLOADED).count();
    getLog().info("Dataset " + target + ": " + downloaded + " subsets downloaded, "
        + (results.size() - downloaded) + " already there. Use it with -D" + DatasetLocation.PROPERTY + "=" + target
        + " (or leave it unset if that is the default).");
  }

  /** The active proxy of settings.xml, its password decrypted, or null for none. */
  ProxySettings proxy(Settings settings) throws MojoFailureException {
    Proxy proxy = settings == null ? null : settings.getActiveProxy();
    if (proxy == null) {
      return null;
    }
    if (settingsDecrypter != null) {
      SettingsDecryptionResult decrypted = settingsDecrypter.decrypt(new DefaultSettingsDecryptionRequest(proxy));
      if (!decrypted.getProxies().isEmpty()) {
        proxy = decrypted.getProxies().get(0);
      }
      String id = proxy.getId();
      decrypted.getProblems().forEach(problem -> getLog().warn("Proxy " + id + ": " + problem.getMessage()));
    }
    if (proxy.getProtocol() != null && !proxy.getProtocol().toLowerCase(Locale.ROOT).startsWith("http")) {
      getLog().warn("Proxy " + proxy.getId() + " has protocol " + proxy.getProtocol()
          + "; it is used as an HTTP proxy.");
    }
    try {
      ProxySettings result = new ProxySettings(proxy.getHost(), proxy.getPort(), proxy.getUsername(),
          proxy.getPassword(), ProxySettings.parseNonProxyHosts(proxy.getNonProxyHosts()));
      getLog().info("Through proxy " + result);
      return result;
    } catch (IllegalArgumentException e) {
      throw new MojoFailureException("The active proxy in settings.xml (" + proxy.getId() + "): " + e.getMessage(), e);
    }
  }
}
