// Checks what example-project's build left behind: a complete feature store of the bundled
// sample dataset, with every file extracted and none skipped.
def project = new File(exampleProject)
def features = new File(project, 'target/gender/features')
assert new File(features, 'feature-config.json').isFile()

def rows = { subset ->
  def table = new File(features, subset + '.tsv')
  assert table.isFile(): "no table for ${subset}"
  def lines = table.readLines('UTF-8')
  assert lines[0].startsWith('path\tspeaker\tgender\tsize\tmodified\tduration\tmfcc1_mean')
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
def model = new File(project, 'target/gender/model')
['bundle.json', 'feature-config.json', 'scaler.json', 'network.params'].each {
  assert new File(model, it).isFile(): "model bundle lacks ${it}"
}
assert new File(project, 'target/gender/model.zip').isFile()
assert new File(project, 'target/gender/training-curves.csv').readLines()[0] ==
    'epoch,trainLoss,trainAccuracy,validationLoss,validationAccuracy,seconds'
assert log =~ /Training on \d+ utterances of \d+ speakers, validating on \d+ of \d+ .* MXNet on cpu\(\)/
assert log =~ /Model bundle .* validation accuracy/
// From the train goal to the end of its build (the lines before hold the IT repository's own noise).
def training = log.substring(log.lastIndexOf('--- gender:'))
training = training.substring(0, training.indexOf('BUILD SUCCESS'))
assert !(training =~ /ai\.djl|CudaUtils|MXNet:|Exception|WARN|\.java:\d+\)/): "engine chatter or a stack trace in the log:\n${training}"
return true
