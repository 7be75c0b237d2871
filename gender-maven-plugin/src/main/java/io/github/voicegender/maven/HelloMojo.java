package io.github.voicegender.maven;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugins.annotations.Mojo;
@Mojo(name = "hello", threadSafe = true)
public class HelloMojo extends AbstractMojo { public void execute() { getLog().info("hi"); } }
