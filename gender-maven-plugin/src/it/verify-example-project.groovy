// Checks what example-project's "mvn install" left behind: a complete feature store of the bundled
// sample dataset, a trained model bundle, an evaluation that passed its gate, and the model jar
// installed in the repository. Runs after each invoked build; the consumer's build checks itself.
def project = new File(exampleProject)
def features = new File(project, 'target/gender/features')
assert new File(features, 'feature-config.json').isFile()

def rows = { subset ->
  def table = new File(features, subset + '.tsv')
  assert table.isFile(): "no table for ${subset}"
  def lines = table.readLines('UTF-8')
  // Six columns of identity, then the 61 features of the default configuration.
  def header = lines[0].split('\t') as List
  assert header.take(7) == ['path', 'speaker', 'gender', 'size', 'modified', 'duration', 'mfcc4_mean']
  assert header.size() == 6 + 61 && header.last() == 'voiced_fraction'
  assert lines.drop(1).every { it.split('\t').length == header.size() }
  lines.drop(1)
}
def train = rows('train-clean-100')
def dev = rows('dev-clean')
assert train.size() > 0 && dev.size() > 0
assert train.collect { it.split('\t')[2] }.toSet() == ['male', 'female'] as Set
assert new File(features, 'failures.tsv').readLines().size() == 1: 'some sample files were skipped'

def log = new File(project, 'build.log').text
assert log =~ /Features in .*: \d+ files \(\d+ extracted, \d+ unchanged, 0 skipped\)/

// gender:train ran after the extraction: a complete bundle, its zip, the curves, and a quiet log.
def model = new File(project, 'target/classes/META-INF/voice-gender/model')
['bundle.json', 'feature-config.json', 'scaler.json', 'network.params'].each {
  assert new File(model, it).isFile(): "model bundle lacks ${it}"
}
assert new File(project, 'target/classes/META-INF/voice-gender/model.zip').isFile()
assert new File(project, 'target/gender/training-curves.csv').readLines()[0] ==
    'epoch,trainLoss,trainAccuracy,validationLoss,validationAccuracy,seconds'
assert log =~ /Training on \d+ utterances of \d+ speakers, validating on \d+ of \d+ .* MXNet on cpu\(\)/
assert log =~ /Model bundle .* validation accuracy/
// gender:evaluate: the contract's fields, and the gate passed.
def evaluation = new groovy.json.JsonSlurper().parse(new File(project, 'target/gender/evaluation.json'))
['utterances', 'accuracy', 'balancedAccuracy', 'speakers', 'speakerAccuracy', 'precision', 'recall', 'f1', 'confusion', 'subsets'].each {
  assert evaluation.containsKey(it): "evaluation.json lacks ${it}"
}
assert evaluation.utterances == dev.size()
assert evaluation.accuracy >= 0.9
assert new File(project, 'target/gender/evaluation.html').length() > 10000
assert log =~ /Quality gate passed: accuracy/

// The model jar, installed like any other artifact, holds the bundle.
def jar = new File(localRepositoryPath,
    'io/github/voicegender/example/voice-gender-example/0.1.0-SNAPSHOT/voice-gender-example-0.1.0-SNAPSHOT.jar')
assert jar.isFile(): "model jar not installed: ${jar}"
def entries = new java.util.zip.ZipFile(jar).withCloseable { z -> z.entries().collect { it.name } }
assert entries.contains('META-INF/voice-gender/model/bundle.json')
assert entries.contains('META-INF/voice-gender/model/network.params')

// From the train goal to the end of evaluate: no engine chatter, no stack trace.
def training = log.substring(log.indexOf('--- gender:0.1.0-SNAPSHOT:train'))
training = training.substring(0, training.indexOf('--- jar:'))
assert !(training =~ /ai\.djl|CudaUtils|MXNet:|Exception|WARN|\.java:\d+\)/): "engine chatter or a stack trace in the log:\n${training}"
// After the consumer's build: gender:predict resolved the model artifact by its coordinates.
def consumerLog = new File(project.parentFile, 'example-consumer/build.log')
if (consumerLog.exists()) {
  def text = consumerLog.text
  assert (text =~ /9185-\d+-\d+\.flac\tfemale\t[01]\.\d{4}/).count >= 4: "predict with the model artifact:\n${text}"
}
return true
