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
return true
