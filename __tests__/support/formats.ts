import { spawn, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { validateXML } from 'xmllint-wasm'

/**
 * The other tools' own readers of what seq-gate writes for them: libxml2 (xmllint, compiled to
 * WebAssembly, an npm dev dependency) checks JUnit XML against Apache Ant's schema, which GitLab and
 * Jenkins follow; Python's XML parser reads it back; Prometheus' Python client parses OpenMetrics
 * with the parser its authors wrote as the format's reference. The Python client comes from the
 * system (README: python3-prometheus-client); without it these tests fail, saying how to install it.
 */

const ANT_SCHEMA = readFileSync(new URL('./junit-ant.xsd', import.meta.url), 'utf8')

/** Every way `xml` breaks Apache Ant's JUnit schema, as xmllint says it; none when it is valid. */
export async function schemaErrors(xml: string): Promise<string[]> {
  const result = await validateXML({ xml: [{ fileName: 'junit.xml', contents: xml }], schema: [ANT_SCHEMA] })
  return result.errors.map((error) => error.rawMessage)
}

export interface JUnitCase {
  classname: string
  name: string
  time: string
  /** Absent when the test passed. */
  result?: { element: 'failure' | 'error' | 'skipped'; type: string | null; message: string | null; text: string }
}

export interface JUnitSuite {
  attributes: Record<string, string>
  cases: JUnitCase[]
  systemOut: string
  systemErr: string
}

const READ_JUNIT = `
import json, sys, xml.etree.ElementTree as ET
suite = ET.fromstring(sys.stdin.buffer.read())
def result(case):
    for child in case:
        return {'element': child.tag, 'type': child.get('type'), 'message': child.get('message'), 'text': child.text or ''}
def case(element):
    read = dict(element.attrib)
    outcome = result(element)
    if outcome: read['result'] = outcome
    return read
print(json.dumps({'tag': suite.tag, 'attributes': suite.attrib, 'cases': [case(c) for c in suite.findall('testcase')],
                  'systemOut': suite.findtext('system-out'), 'systemErr': suite.findtext('system-err')}))
`

/** The JUnit document as Python's XML parser reads it: names and messages unescaped. */
export async function readJUnit(xml: string): Promise<JUnitSuite> {
  const read = JSON.parse(await python(READ_JUNIT, xml)) as JUnitSuite & { tag: string }
  if (read.tag !== 'testsuite') throw new Error(`the document's root is <${read.tag}>, not <testsuite>`)
  return { attributes: read.attributes, cases: read.cases, systemOut: read.systemOut, systemErr: read.systemErr }
}

export interface MetricFamily {
  name: string
  type: string
  unit: string
  help: string
  samples: { name: string; labels: Record<string, string>; value: number; timestamp: number | null }[]
}

const READ_OPENMETRICS = `
import json, sys
from prometheus_client.openmetrics.parser import text_string_to_metric_families
families = text_string_to_metric_families(sys.stdin.buffer.read().decode('utf-8'))
print(json.dumps([{'name': f.name, 'type': f.type, 'unit': f.unit, 'help': f.documentation,
                   'samples': [{'name': s.name, 'labels': s.labels, 'value': s.value, 'timestamp': s.timestamp} for s in f.samples]}
                  for f in families]))
`

/** OpenMetrics text as Prometheus' own parser reads it; rejects with the parser's complaint. */
export async function readOpenMetrics(text: string): Promise<MetricFamily[]> {
  return JSON.parse(await python(READ_OPENMETRICS, text)) as MetricFamily[]
}

/** Where Debian's and Ubuntu's python3-prometheus-client installs it, then whatever python3 is first on PATH (pip). */
const PYTHONS = ['/usr/bin/python3', 'python3']
let found: string | undefined

/** The first Python that has Prometheus' OpenMetrics parser. */
function pythonWithParser(): string {
  found ??= PYTHONS.find((python) => spawnSync(python, ['-c', 'import prometheus_client.openmetrics.parser'], { stdio: 'ignore' }).status === 0)
  if (found === undefined)
    throw new Error(
      "Prometheus' Python client is not installed, and these tests read OpenMetrics with its parser: " +
        'sudo apt-get install python3-prometheus-client (Debian, Ubuntu), or pip install prometheus-client'
    )
  return found
}

/** Runs `script` with `input` on stdin; resolves to its stdout, or rejects with the last line it printed to stderr. */
async function python(script: string, input: string): Promise<string> {
  const child = spawn(pythonWithParser(), ['-c', script], { stdio: ['pipe', 'pipe', 'pipe'] })
  const stdout: string[] = []
  const stderr: string[] = []
  child.stdout.on('data', (chunk) => stdout.push(String(chunk)))
  child.stderr.on('data', (chunk) => stderr.push(String(chunk)))
  child.stdin.end(input)
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject)
    child.on('close', resolve)
  })
  if (code !== 0) throw new Error(stderr.join('').trim().split('\n').at(-1) ?? `python exited ${code}`)
  return stdout.join('')
}
