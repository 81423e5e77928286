import { afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { access, mkdir, readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { ADVICE } from '../src/report/advice.js'
import { NOT_ELIGIBLE } from '../src/report/phrases.js'
import { demoScenario } from '../sim/scenarios.js'
import { addDays, badRequest, DEFAULT_API_KEY, startSimulator, SUBUSERS_SCORES_PATH, type AccountSpec, type Simulator, type SimulatorOptions } from '../sim/simulator.js'
import { CLI, cli, runCommand, type CliRun } from './support/cli.js'
import { readJUnit, readOpenMetrics, schemaErrors, type JUnitCase, type JUnitSuite, type MetricFamily } from './support/formats.js'
import { runDist } from './support/runner.js'
import { temporaryFolder } from './support/temp.js'

/**
 * JUnit XML and OpenMetrics as other tools read them, through the built CLI (--format junit and
 * openmetrics, --junit-file, --metrics-file) and the built action (junit-file, metrics-file)
 * against the simulator: every JUnit document valid against Apache Ant's schema (xmllint) and read
 * back by Python's XML parser, every OpenMetrics text parsed back by Prometheus' own parser.
 */

const scenario = demoScenario()
const day = (offset: number): string => addDays(scenario.today, offset)
/** Unix time of a day's start. */
const startOf = (date: string): number => Date.parse(`${date}T00:00:00Z`) / 1000

let simulator: Simulator | undefined
afterEach(async () => {
  await simulator?.close()
  simulator = undefined
})

beforeAll(async () => {
  await expect(access(CLI)).resolves.toBeUndefined() // npm run build writes dist/cli/index.js
})

/** The demo account without its 202s, unless `options` says otherwise. */
async function simulate(options: SimulatorOptions = {}): Promise<Simulator> {
  simulator = await startSimulator({ ...scenario, pending: undefined, ...options })
  return simulator
}

/** One run, as each format sees it. */
interface Run {
  flags: string[]
  simulator?: SimulatorOptions
  exitCode: number
  result: 'passed' | 'failed' | 'error' | 'pending'
  classname: string
  /** Every test, in the document's order (worst first). */
  /** Each test's result as expected: a value, or a matcher where the words depend on the day. */
  cases: [name: string, result?: { [Field in keyof NonNullable<JUnitCase['result']>]?: unknown }][]
}

const BREACH_DAYS = day(-2).slice(0, 7) === day(-1).slice(0, 7) ? `${day(-2)} and ${day(-1).slice(8)}` : `${day(-2)} and ${day(-1)}`
const NEWSLETTERS_BREACH = `Spam rate 1 (min 3) and score 2 (min 3) from ${day(-2)} to ${day(-1)}, 2 of 7 days`
const NO_SCORE = `No score in the range. ${NOT_ELIGIBLE}`
const escaped = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

const RUNS: Record<string, Run> = {
  'a pass': {
    flags: ['--subusers', 'marketing,transactional', '--include-parent'],
    exitCode: 0,
    result: 'passed',
    classname: 'acme',
    cases: [['acme'], ['marketing'], ['transactional']]
  },
  'a breach': {
    flags: ['--subusers', 'newsletters,marketing', '--min-metric-scores', 'spam_rate=3'],
    exitCode: 1,
    result: 'failed',
    classname: 'parent account',
    cases: [
      [
        'newsletters',
        {
          element: 'failure',
          type: 'breach',
          message: NEWSLETTERS_BREACH,
          // Why it fell comes from the simulator's stats, whose counts follow the days: the lines around it are exact.
          text: expect.stringMatching(new RegExp(`^${escaped(`${NEWSLETTERS_BREACH}.\nDays below threshold: ${BREACH_DAYS}.`)}\nWhy: spam reports [^\n]*by provider: Gmail [^\n]*\n${escaped(`Spam rate: ${ADVICE.spam_rate.join(' ')}`)}$`))
        }
      ],
      ['marketing']
    ]
  },
  'a missing score': {
    flags: ['--subusers', 'cold-outreach,transactional'],
    exitCode: 0,
    result: 'passed',
    classname: 'parent account',
    cases: [['cold-outreach', { element: 'skipped', type: null, message: NO_SCORE, text: NO_SCORE }], ['transactional']]
  },
  'a missing score under --missing-scores fail': {
    flags: ['--subusers', 'cold-outreach', '--missing-scores', 'fail'],
    exitCode: 1,
    result: 'failed',
    classname: 'parent account',
    cases: [['cold-outreach', { element: 'failure', type: 'missing score', message: NO_SCORE, text: NO_SCORE }]]
  },
  'an unreadable account': {
    flags: ['--subusers', 'no-such-subuser,marketing'],
    exitCode: 2,
    result: 'error',
    classname: 'parent account',
    cases: [
      ['no-such-subuser', { element: 'error', type: 'error', message: expect.stringMatching(/^SendGrid answered 403 \(access forbidden\): check that "no-such-subuser" is a subuser/) as never }],
      ['marketing']
    ]
  },
  'a day of the listing not read': {
    flags: ['--subusers', '*', '--from', '-2d', '--include-parent'],
    simulator: { subusers: [{ username: 'marketing', score: 4 }], fault: (request) => (request.path === SUBUSERS_SCORES_PATH && request.query.date === day(-1) ? badRequest('date') : undefined) },
    exitCode: 2,
    result: 'error',
    classname: 'acme',
    cases: [
      ['acme'],
      ['marketing'],
      [`every subuser on ${day(-1)}`, { element: 'error', type: 'error', message: expect.stringMatching(/^SendGrid answered 400 \(date: /) as never }]
    ]
  }
}

/** Names that XML and OpenMetrics must escape, each a subuser the listing names. */
const TRICKY: AccountSpec[] = [
  { username: 'a&b<c>"d\'e', score: 2 },
  { username: 'cdata]]>end', score: 4 },
  { username: 'line\nbreak\r\ttab', score: 4 },
  { username: 'bell\u0007nul\u0000esc\u001b', score: 4 },
  { username: 'back\\slash "quoted"', score: 4 },
  { username: 'lone\ud800half', score: 4 },
  { username: 'ünïcödé-✉️-名前', score: 4 },
  { username: `key-${DEFAULT_API_KEY}-inside`, score: 4 }
]
/** How the JUnit document writes each tricky name: what XML cannot carry as \uXXXX, the API key as ***. */
const TRICKY_IN_JUNIT = [
  'a&b<c>"d\'e',
  'back\\slash "quoted"',
  'bell\\u0007nul\\u0000esc\\u001B',
  'cdata]]>end',
  'key-***-inside',
  'line\nbreak\r\ttab',
  'lone\\uD800half',
  'ünïcödé-✉️-名前'
]

RUNS['tricky names'] = {
  flags: ['--subusers', '*', '--from', '-1d'],
  simulator: { subusers: TRICKY },
  exitCode: 1,
  result: 'failed',
  classname: 'parent account',
  cases: [
    ['a&b<c>"d\'e', { element: 'failure', type: 'breach', message: `Score 2 (min 3, lowest metric: engagement recency 2) on ${day(-1)}` }],
    ...TRICKY_IN_JUNIT.filter((name) => !name.startsWith('a&b')).map((name): [string] => [name])
  ]
}

const VERDICT_WORDS = { passed: 'passed', failed: 'failed', error: 'could not be checked', pending: 'still pending' } as const

async function runFormat(run: Run, format: 'junit' | 'openmetrics'): Promise<CliRun> {
  const sim = await simulate(run.simulator)
  return cli(['--base-url', sim.url, ...run.flags, '--format', format])
}

/** What the suite's counts must agree with: its cases. */
function expectCountsAgree(suite: JUnitSuite): void {
  const count = (element: string): string => String(suite.cases.filter((each) => each.result?.element === element).length)
  expect(suite.attributes).toMatchObject({
    name: 'SendGrid engagement quality',
    tests: String(suite.cases.length),
    failures: count('failure'),
    errors: count('error'),
    skipped: count('skipped'),
    hostname: expect.stringMatching(/\S/)
  })
  expect(suite.attributes.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/)
  expect(Number(suite.attributes.time)).toBeGreaterThanOrEqual(0)
  // The accounts are fetched together (one listing page serves hundreds), so no test has a time of its own.
  expect(suite.cases.every((each) => each.time === '0')).toBe(true)
}

describe('seq-gate --format junit', () => {
  it.each(Object.entries(RUNS))('writes %s as a schema-valid testsuite, a test per account, counts agreeing with its tests', async (_name, run) => {
    const output = await runFormat(run, 'junit')

    expect(output.exitCode).toBe(run.exitCode)
    expect(await schemaErrors(output.stdout)).toEqual([])
    const suite = await readJUnit(output.stdout)
    expectCountsAgree(suite)
    expect(suite.cases.map(({ classname, name, result }) => ({ classname, name, result }))).toEqual(
      run.cases.map(([name, result]) => ({ classname: run.classname, name, result: result === undefined ? undefined : expect.objectContaining(result) }))
    )
    expect(suite.systemOut.split('\n')[0]).toMatch(new RegExp(`^SendGrid engagement quality ${VERDICT_WORDS[run.result]}`))
    expect(output.stdout).not.toContain(DEFAULT_API_KEY)
  })

  it("lists the accounts at risk in the suite's output, their tests passing", async () => {
    const output = await runFormat({ flags: ['--subusers', 'marketing,transactional', '--warn-score', '4.5'] } as Run, 'junit')

    expect(output.exitCode).toBe(0)
    expect(await schemaErrors(output.stdout)).toEqual([])
    const suite = await readJUnit(output.stdout)
    expect(suite.cases.map(({ name, result }) => [name, result])).toEqual([['marketing', undefined], ['transactional', undefined]])
    const [, , heading, ...atRisk] = suite.systemOut.split('\n')
    expect(heading).toMatch(/^At risk \(their tests pass\)\. /)
    expect(atRisk).toEqual([expect.stringMatching(/^ {2}marketing: score .*4\.5/)])
  })

  it("fails the schema check when the document breaks Ant's schema (the check is not vacuous)", async () => {
    const run = await runFormat(RUNS['a breach'] as Run, 'junit')
    const broken = [
      run.stdout.replace('  <properties/>\n', ''),
      run.stdout.replace(/ hostname="[^"]*"/, ''),
      run.stdout.replace(/type="breach" /, ''),
      run.stdout.replace(/<system-out>/, '<testcase classname="x" name="y" time="0"><system-out/></testcase><system-out>'),
      run.stdout.replace(/timestamp="([^"]*)"/, 'timestamp="$1Z"')
    ]

    for (const xml of broken) expect(await schemaErrors(xml)).not.toEqual([])
  })
})

/** The samples of one family, by account (and metric, when the family has one), as Prometheus' parser read them. */
function samplesOf(families: MetricFamily[], name: string): Record<string, number> {
  const family = families.find((each) => each.name === name)
  if (!family) throw new Error(`no family ${name}`)
  expect(family.type).toBe('gauge')
  return Object.fromEntries(family.samples.map(({ labels, value }) => [[labels.account ?? labels.result, labels.metric].filter(Boolean).join(' '), value]))
}

describe('seq-gate --format openmetrics', () => {
  it.each(Object.entries(RUNS))("writes %s as OpenMetrics that Prometheus' parser reads, with the run's result", async (_name, run) => {
    const output = await runFormat(run, 'openmetrics')

    expect(output.exitCode).toBe(run.exitCode)
    expect(output.stdout.endsWith('\n# EOF\n')).toBe(true)
    const families = await readOpenMetrics(output.stdout)
    expect(samplesOf(families, 'seq_check_result')).toEqual({ passed: 0, failed: 0, error: 0, pending: 0, [run.result]: 1 })
    const accounts = run.cases.map(([name]) => name).filter((name) => !name.startsWith('every subuser on'))
    // Every account that is a test in JUnit has its threshold here, labelled with the parent as JUnit's classname.
    expect(Object.keys(samplesOf(families, 'seq_min_score')).sort()).toEqual(accounts.map((name) => name.replace(/\\u([0-9A-F]{4})/g, (_, code: string) => String.fromCharCode(parseInt(code, 16)).toWellFormed())).sort())
    for (const family of families) for (const sample of family.samples) expect(sample.labels.parent).toBe(run.classname)
    expect(families.flatMap((family) => family.samples).every((sample) => sample.timestamp === null)).toBe(true)
    expect(output.stdout).not.toContain(DEFAULT_API_KEY)
  })

  it('gives each account its latest scored day, that day as a Unix time, its lowest score, its breach and its thresholds', async () => {
    const output = await runFormat(RUNS['a breach'] as Run, 'openmetrics')
    const families = await readOpenMetrics(output.stdout)

    expect(families.map(({ name, unit }) => [name, unit])).toEqual([
      ['seq_check_result', ''],
      ['seq_latest_score', ''],
      ['seq_latest_metric_score', ''],
      ['seq_latest_score_timestamp_seconds', 'seconds'],
      ['seq_lowest_score', ''],
      ['seq_breach', ''],
      ['seq_min_score', ''],
      ['seq_min_metric_score', '']
    ])
    // The demo's marketing scores 5 on even days since 1970, 4 on odd ones.
    expect(samplesOf(families, 'seq_latest_score')).toEqual({ newsletters: 2, marketing: (startOf(day(-1)) / 86_400) % 2 === 0 ? 5 : 4 })
    expect(samplesOf(families, 'seq_latest_metric_score')).toMatchObject({ 'newsletters spam_rate': 1, 'newsletters engagement_recency': 3, 'newsletters open_rate': 2 })
    expect(samplesOf(families, 'seq_latest_score_timestamp_seconds')).toEqual({ newsletters: startOf(day(-1)), marketing: startOf(day(-1)) })
    expect(samplesOf(families, 'seq_lowest_score')).toEqual({ newsletters: 2, marketing: 4 })
    expect(samplesOf(families, 'seq_breach')).toEqual({ newsletters: 1, marketing: 0 })
    expect(samplesOf(families, 'seq_min_score')).toEqual({ newsletters: 3, marketing: 3 })
    expect(samplesOf(families, 'seq_min_metric_score')).toEqual({ 'newsletters spam_rate': 3, 'marketing spam_rate': 3 })
  })

  it('leaves out what an account does not have: no score, no latest day; not read, no breach either', async () => {
    const sim = await simulate()
    const output = await cli(['--base-url', sim.url, '--subusers', 'cold-outreach,no-such-subuser', '--format', 'openmetrics'])
    const families = await readOpenMetrics(output.stdout)

    for (const name of ['seq_latest_score', 'seq_latest_metric_score', 'seq_latest_score_timestamp_seconds', 'seq_lowest_score']) expect(samplesOf(families, name)).toEqual({})
    expect(samplesOf(families, 'seq_breach')).toEqual({ 'cold-outreach': 0 })
    expect(samplesOf(families, 'seq_min_score')).toEqual({ 'cold-outreach': 3, 'no-such-subuser': 3 })
  })

  it("holds each account-thresholds rule's thresholds", async () => {
    const sim = await simulate()
    const output = await cli(['--base-url', sim.url, '--subusers', 'marketing,transactional', '--account-thresholds', 'trans*: min-score=4.5, bounce_rate=5', '--format', 'openmetrics'])
    const families = await readOpenMetrics(output.stdout)

    expect(samplesOf(families, 'seq_min_score')).toEqual({ marketing: 3, transactional: 4.5 })
    expect(samplesOf(families, 'seq_min_metric_score')).toEqual({ 'transactional bounce_rate': 5 })
  })
})

describe('seq-gate --junit-file and --metrics-file', () => {
  it('writes both files, relative to the working directory, says where on stderr, and prints the report as asked', async () => {
    const sim = await simulate()
    const cwd = await temporaryFolder('seq-gate-files-')
    const flags = ['--base-url', sim.url, '--subusers', 'newsletters', '--junit-file', 'reports/seq.xml', '--metrics-file', 'seq.prom', '--format', 'text', '--no-summary']
    const run = await runCommand(process.execPath, [CLI, ...flags], { SENDGRID_API_KEY: DEFAULT_API_KEY }, cwd)

    expect(run.exitCode).toBe(1)
    expect(run.stdout).toBe('SendGrid engagement quality failed: 1 account below threshold: score on 2 days; lowest score 2\n')
    expect(run.stderr).toContain(`Wrote JUnit XML to ${join(cwd, 'reports', 'seq.xml')}\nWrote OpenMetrics to ${join(cwd, 'seq.prom')}\n`)
    const xml = await readFile(join(cwd, 'reports', 'seq.xml'), 'utf8')
    expect(await schemaErrors(xml)).toEqual([])
    expect((await readJUnit(xml)).cases.map((each) => [each.name, each.result?.element])).toEqual([['newsletters', 'failure']])
    expect(samplesOf(await readOpenMetrics(await readFile(join(cwd, 'seq.prom'), 'utf8')), 'seq_breach')).toEqual({ newsletters: 1 })
    // Written whole, then renamed into place: nothing half-written is left beside them.
    expect((await readdir(cwd)).sort()).toEqual(['reports', 'seq.prom'])
  })

  it('exits 2 when a file cannot be written, unless the run fails anyway, and says why', async () => {
    const sim = await simulate()
    const cwd = await temporaryFolder('seq-gate-files-')
    await mkdir(join(cwd, 'taken.xml'))
    const run = (subusers: string): Promise<CliRun> =>
      runCommand(process.execPath, [CLI, '--base-url', sim.url, '--subusers', subusers, '--junit-file', 'taken.xml', '--no-summary'], { SENDGRID_API_KEY: DEFAULT_API_KEY }, cwd)

    const passing = await run('marketing')
    expect(passing.exitCode).toBe(2)
    expect(passing.stderr).toMatch(new RegExp(`^seq-gate: could not write --junit-file ${join(cwd, 'taken.xml').replace(/[/.]/g, '\\$&')}: .+$`, 'm'))
    expect((await run('newsletters')).exitCode).toBe(1)
    expect(await readdir(cwd)).toEqual(['taken.xml'])
  })
})

describe('dist/index.js with junit-file and metrics-file', () => {
  it('writes both beside the job summary, relative to the workspace, and says where in the log', async () => {
    const sim = await simulate()
    const workspace = await temporaryFolder('seq-gate-workspace-')
    const run = await runDist(
      { 'api-key': DEFAULT_API_KEY, 'base-url': sim.url, subusers: 'newsletters, cold-outreach, no-such-subuser', 'include-parent': 'true', 'junit-file': 'test-results/seq.xml', 'metrics-file': 'seq.prom' },
      { GITHUB_WORKSPACE: workspace }
    )

    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain(`Wrote JUnit XML to ${join(workspace, 'test-results', 'seq.xml')}\n`)
    expect(run.stdout).toContain(`Wrote OpenMetrics to ${join(workspace, 'seq.prom')}\n`)
    const xml = await readFile(join(workspace, 'test-results', 'seq.xml'), 'utf8')
    expect(await schemaErrors(xml)).toEqual([])
    const suite = await readJUnit(xml)
    expectCountsAgree(suite)
    expect(suite.cases.map((each) => [each.classname, each.name, each.result?.element])).toEqual([
      ['acme', 'newsletters', 'failure'],
      ['acme', 'no-such-subuser', 'error'],
      ['acme', 'cold-outreach', 'skipped'],
      ['acme', 'acme', undefined]
    ])
    const families = await readOpenMetrics(await readFile(join(workspace, 'seq.prom'), 'utf8'))
    expect(samplesOf(families, 'seq_check_result')).toEqual({ passed: 0, failed: 1, error: 0, pending: 0 })
    expect(samplesOf(families, 'seq_breach')).toEqual({ newsletters: 1, 'cold-outreach': 0, acme: 0 })
  })

  it('warns when a file cannot be written, and the verdict stands', async () => {
    const sim = await simulate()
    const workspace = await temporaryFolder('seq-gate-workspace-')
    await mkdir(join(workspace, 'seq.prom'))
    const run = await runDist({ 'api-key': DEFAULT_API_KEY, 'base-url': sim.url, subusers: 'marketing', 'metrics-file': 'seq.prom' }, { GITHUB_WORKSPACE: workspace })

    expect(run.exitCode).toBe(0)
    expect(run.outputs.result).toBe('passed')
    expect(run.stdout).toMatch(new RegExp(`^::warning::Could not write metrics-file \\(${join(workspace, 'seq.prom').replace(/[/.]/g, '\\$&')}\\): .+$`, 'm'))
  })
})
