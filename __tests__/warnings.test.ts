import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { micromark } from 'micromark'
import { gfm, gfmHtml } from 'micromark-extension-gfm'
import { evaluate, type Evaluation, type EvaluationConfig } from '../src/gate/evaluate.js'
import { InputError, parseConfig, type InputProblem, type ThresholdRule } from '../src/inputs.js'
import { ACTION_WORDING } from '../src/messages.js'
import { cliWording } from '../src/cli/arguments.js'
import type { Failure } from '../src/records/collection.js'
import { RecordStore } from '../src/records/record-store.js'
import { METRICS, type Metric, type Metrics, type ScoreRecord } from '../src/records/score-record.js'
import { checkTitle, conclusionOf } from '../src/report/github.js'
import { eachOutput } from '../src/report/outputs.js'
import { renderSummary, type ReportConfig } from '../src/report/summary.js'
import { renderText } from '../src/report/text.js'
import { planIssue, readState, type OpenIssue, type TrackedRun } from '../src/report/tracking-issue.js'
import { describeWarning, verdictLine } from '../src/report/verdict.js'
import { failure, rec } from './support/records.js'

/**
 * Warning levels beside the failing ones: what the inputs accept, how a value between the two is
 * judged (a warning, never a failure), and how every format shows the accounts at risk.
 */

const KEY = 'SG.test-key.abc'
const TODAY = '2025-06-30'
const D1 = '2025-06-01'
const D2 = '2025-06-02'
const D3 = '2025-06-03'

type Values = Record<string, string>

function parse(values: Values, wording = ACTION_WORDING): ReturnType<typeof parseConfig> {
  const given: Values = { 'api-key': KEY, ...values }
  return parseConfig((name) => given[name] ?? '', TODAY, wording)
}

/** Every problem parseConfig reports for `values`; none when it accepts them. */
function problemsOf(values: Values, wording = ACTION_WORDING): InputProblem[] {
  try {
    parse(values, wording)
    return []
  } catch (error) {
    if (error instanceof InputError) return error.problems
    throw error
  }
}

describe('warning inputs', () => {
  it('are empty by default: no warning levels at all', () => {
    const config = parse({})
    expect([config.warnScore, config.warnMetricScores, config.warnDrop]).toEqual([undefined, {}, undefined])
  })

  it('read the same grammar as the failing inputs beside them', () => {
    const config = parse({ 'warn-score': '4', 'warn-metric-scores': 'spam_rate = 4.5,\nopen_rate=2', 'max-drop': '1', 'warn-drop': '0.5' })
    expect([config.warnScore, config.warnMetricScores, config.warnDrop]).toEqual([4, { spam_rate: 4.5, open_rate: 2 }, 0.5])
    expect(problemsOf({ 'warn-score': '6', 'warn-metric-scores': 'spam=4', 'warn-drop': '0' })).toEqual([
      { input: 'warn-score', message: '"6" is not a score; use a number from 1 to 5' },
      { input: 'warn-metric-scores', message: '"spam" is not a metric; use engagement_recency, open_rate, bounce_classification, bounce_rate, spam_rate' },
      { input: 'warn-drop', message: '"0" is not a drop; use a number above 0 and at most 4, e.g. 1, or leave it empty' }
    ])
  })

  it('refuse a warning level below its failing level, or equal to it (it could never warn), naming both inputs', () => {
    expect(problemsOf({ 'min-score': '3', 'warn-score': '2.5' })).toEqual([
      { input: 'warn-score', message: '2.5 is not above min-score (3): a score below 3 fails, so it could never warn; use a level above 3, or leave it empty' }
    ])
    // min-score's default holds the warning level too.
    expect(problemsOf({ 'warn-score': '3' })).toEqual([
      { input: 'warn-score', message: '3 is not above min-score (3): a score below 3 fails, so it could never warn; use a level above 3, or leave it empty' }
    ])
    expect(problemsOf({ 'min-metric-scores': 'spam_rate=4, bounce_rate=2', 'warn-metric-scores': 'spam_rate=4, bounce_rate=2.5, open_rate=1' })).toEqual([
      { input: 'warn-metric-scores', message: 'spam_rate=4 is not above min-metric-scores (spam_rate=4): a score below 4 fails, so it could never warn; use a level above 4' }
    ])
    expect(problemsOf({ 'max-drop': '1', 'warn-drop': '1.5' })).toEqual([
      { input: 'warn-drop', message: '1.5 is not below max-drop (1): a drop of 1 or more fails, so it could never warn; use a smaller drop, or leave it empty' }
    ])
    expect(problemsOf({ 'max-drop': '1', 'warn-drop': '1' })).toHaveLength(1)
    // Without a failing level beside it, any warning level warns.
    expect(problemsOf({ 'warn-metric-scores': 'open_rate=1', 'warn-drop': '4' })).toEqual([])
  })

  it('name the other input as the face does, and come with every other problem at once', () => {
    const problems = problemsOf({ 'min-score': '4', 'warn-score': '3', 'max-drop': '0.5', 'warn-drop': '2', from: 'soon' }, cliWording('SENDGRID_API_KEY'))
    expect(problems.map(({ input, message }) => `${input}: ${message.split(':')[0]}`)).toEqual([
      'from: "soon" is not a date; use YYYY-MM-DD, today, yesterday or -Nd (N days before today, UTC)',
      'warn-score: 3 is not above --min-score (4)',
      'warn-drop: 2 is not below --max-drop (0.5)'
    ])
  })
})

describe('warning levels in account-thresholds', () => {
  const rules = (text: string, values: Values = {}): ThresholdRule[] => parse({ ...values, 'account-thresholds': text }).accountThresholds

  it('are warn-score= and warn-<metric>= beside the failing keys', () => {
    expect(rules('transactional: min-score=4, warn-score=4.5, spam_rate=4, warn-spam_rate=5, warn-open_rate=3')).toEqual([
      { line: 1, pattern: 'transactional', minScore: 4, minMetricScores: { spam_rate: 4 }, warnScore: 4.5, warnMetricScores: { spam_rate: 5, open_rate: 3 } }
    ])
    expect(problemsOf({ 'account-thresholds': 'a: warn-spam=4\nb: warn-score=4, warn-score=4.5' }).map((problem) => problem.message)).toEqual([
      'line 1: "warn-spam" is not a threshold; use min-score, engagement_recency, open_rate, bounce_classification, bounce_rate, spam_rate, or warn-score and warn-<metric> (e.g. warn-spam_rate) for warning levels',
      'line 2: warn-score is given twice'
    ])
  })

  it('refuse a level a rule names at or below the failing level its accounts get, naming the line and where that level comes from', () => {
    const text = ['a: min-score=4, warn-score=4', 'b: warn-score=3.5', 'c: spam_rate=3, warn-spam_rate=2', 'd: warn-bounce_rate=2', 'e: min-score=5, warn-spam_rate=5'].join('\n')
    expect(problemsOf({ 'min-score': '3.5', 'min-metric-scores': 'bounce_rate=2.5', 'account-thresholds': text })).toEqual([
      { input: 'account-thresholds', message: 'line 1: warn-score=4 is not above min-score=4: a score below 4 fails, so it could never warn' },
      { input: 'account-thresholds', message: 'line 2: warn-score=3.5 is not above min-score=3.5 (from min-score): a score below 3.5 fails, so it could never warn' },
      { input: 'account-thresholds', message: 'line 3: warn-spam_rate=2 is not above spam_rate=3: a score below 3 fails, so it could never warn' },
      { input: 'account-thresholds', message: 'line 4: warn-bounce_rate=2 is not above bounce_rate=2.5 (from min-metric-scores): a score below 2.5 fails, so it could never warn' }
    ])
  })

  it('accept a rule that fails its accounts above the warning level it inherits: that warning has nothing left to warn of', () => {
    expect(rules('transactional: min-score=5, spam_rate=5', { 'warn-score': '4', 'warn-metric-scores': 'spam_rate=4' })).toHaveLength(1)
  })
})

/** Levels from 1 to 5 in tenths, so equal levels come up often. */
const levelArb = fc.integer({ min: 10, max: 50 }).map((tenths) => tenths / 10)
const dropArb = fc.integer({ min: 1, max: 40 }).map((tenths) => tenths / 10)

describe('warning levels against failing levels (properties)', () => {
  it('accepts a warning level exactly when it comes before its failing level, and otherwise names both', () => {
    fc.assert(
      fc.property(levelArb, levelArb, fc.constantFrom(...METRICS), levelArb, levelArb, dropArb, dropArb, (min, warn, metric, minMetric, warnMetric, maxDrop, warnDrop) => {
        const problems = problemsOf({
          'min-score': String(min),
          'warn-score': String(warn),
          'min-metric-scores': `${metric}=${minMetric}`,
          'warn-metric-scores': `${metric}=${warnMetric}`,
          'max-drop': String(maxDrop),
          'warn-drop': String(warnDrop)
        })
        const expected = [
          ...(warn > min ? [] : [['warn-score', `${warn} is not above min-score (${min})`]]),
          ...(warnMetric > minMetric ? [] : [['warn-metric-scores', `${metric}=${warnMetric} is not above min-metric-scores (${metric}=${minMetric})`]]),
          ...(warnDrop < maxDrop ? [] : [['warn-drop', `${warnDrop} is not below max-drop (${maxDrop})`]])
        ]
        expect(problems.map(({ input, message }) => [input, message.slice(0, message.indexOf(':'))])).toEqual(expected)
      }),
      { numRuns: 1000 }
    )
  })

  it('refuses each level a rule names at or below the failing level its accounts get, and nothing a rule inherits', () => {
    const ruleArb = fc.record({
      minScore: fc.option(levelArb, { nil: undefined }),
      warnScore: fc.option(levelArb, { nil: undefined }),
      minSpam: fc.option(levelArb, { nil: undefined }),
      warnSpam: fc.option(levelArb, { nil: undefined })
    })
    fc.assert(
      fc.property(levelArb, levelArb, ruleArb, (topMin, topSpam, rule) => {
        const entries = [
          rule.minScore === undefined ? '' : `min-score=${rule.minScore}`,
          rule.warnScore === undefined ? '' : `warn-score=${rule.warnScore}`,
          rule.minSpam === undefined ? '' : `spam_rate=${rule.minSpam}`,
          rule.warnSpam === undefined ? '' : `warn-spam_rate=${rule.warnSpam}`
        ].filter(Boolean)
        if (entries.length === 0) return
        // The inputs' own warning level sits above both of theirs, so only the rule can be refused.
        const values = { 'min-score': String(Math.min(topMin, 4.9)), 'min-metric-scores': `spam_rate=${Math.min(topSpam, 4.9)}`, 'warn-score': '5', 'account-thresholds': `x: ${entries.join(', ')}` }
        const problems = problemsOf(values).map((problem) => `${problem.input} ${problem.message.split(' is ')[0]}`)
        const effective = { score: rule.minScore ?? Math.min(topMin, 4.9), spam: rule.minSpam ?? Math.min(topSpam, 4.9) }
        const expected = [
          ...(rule.warnScore !== undefined && rule.warnScore <= effective.score ? [`account-thresholds line 1: warn-score=${rule.warnScore}`] : []),
          ...(rule.warnSpam !== undefined && rule.warnSpam <= effective.spam ? [`account-thresholds line 1: warn-spam_rate=${rule.warnSpam}`] : [])
        ]
        expect(problems).toEqual(expected)
      }),
      { numRuns: 1000 }
    )
  })
})

function settings(overrides: Partial<EvaluationConfig & ReportConfig> = {}): EvaluationConfig & ReportConfig {
  return { subusers: 'all', from: D1, to: D3, minScore: 3, minMetricScores: {}, evaluate: 'all', missingScores: 'warn', failOnBreach: true, ...overrides }
}

function evaluated(records: ScoreRecord[], overrides: Partial<EvaluationConfig & ReportConfig> = {}, failures: Failure[] = []): Evaluation {
  return evaluate({ records: RecordStore.of(records), failures }, settings(overrides))
}

/** `account date metric value` of each breach (`<`) and warning (`~`), in order. */
function findings(evaluation: Evaluation): string[] {
  return [
    ...[...evaluation.breaches].map((breach) => `${breach.account} ${breach.date} ${breach.metric} ${breach.value} < ${breach.threshold}`),
    ...[...evaluation.warnings].map((warning) => `${warning.account} ${warning.date} ${warning.metric} ${warning.value} ~ ${warning.level}`)
  ]
}

/** Each metric equal to the day's score, but those in `metrics`. */
function day(account: string, date: string, score: number, metrics: Partial<Metrics> = {}): ScoreRecord {
  return rec(account, date, score, { engagement_recency: score, open_rate: score, bounce_classification: score, bounce_rate: score, spam_rate: score, ...metrics })
}

describe('evaluate with warning levels, at the boundaries', () => {
  const levels = { minScore: 3, warnScore: 4, minMetricScores: { spam_rate: 3 }, warnMetricScores: { spam_rate: 4 } }

  // One scored day: every mode judges the same value.
  it.each(['all', 'latest', 'average'] as const)('under %s: below the threshold a breach, from it up to the warning level a warning, from there nothing', (mode) => {
    const judge = (value: number): string[] =>
      findings(evaluated([rec('a', D1, value, { spam_rate: value, open_rate: 5, engagement_recency: 5, bounce_classification: 5, bounce_rate: 5 })], { ...levels, evaluate: mode, from: D1, to: D1 }))
    expect(judge(2.99)).toEqual([`a ${D1} score 2.99 < 3`, `a ${D1} spam_rate 2.99 < 3`])
    expect(judge(3)).toEqual([`a ${D1} score 3 ~ 4`, `a ${D1} spam_rate 3 ~ 4`])
    expect(judge(3.99)).toEqual([`a ${D1} score 3.99 ~ 4`, `a ${D1} spam_rate 3.99 ~ 4`])
    expect(judge(4)).toEqual([])
  })

  it('under all: every day on its own', () => {
    const evaluation = evaluated([day('a', D1, 3.5), day('a', D2, 4), day('a', D3, 3)], levels)
    expect(findings(evaluation)).toEqual([`a ${D1} score 3.5 ~ 4`, `a ${D1} spam_rate 3.5 ~ 4`, `a ${D3} score 3 ~ 4`, `a ${D3} spam_rate 3 ~ 4`])
    expect(evaluation.accounts[0]).toMatchObject({ warnings: 4, belowWarning: 2, breaches: 0, atRisk: true })
  })

  it('under latest: the latest scored day only', () => {
    const evaluation = evaluated([day('a', D1, 2), day('a', D2, 3.5)], { ...levels, evaluate: 'latest' })
    expect(findings(evaluation)).toEqual([`a ${D2} score 3.5 ~ 4`, `a ${D2} spam_rate 3.5 ~ 4`])
    expect(evaluation.result).toBe('passed')
  })

  it('under average: the rounded average, the value shown', () => {
    // (3 + 3 + 4.99) / 3 = 3.663…, shown and judged as 3.66.
    const records = [day('a', D1, 3), day('a', D2, 3), day('a', D3, 4.99)]
    expect(findings(evaluated(records, { evaluate: 'average', warnScore: 3.66 }))).toEqual([])
    expect(findings(evaluated(records, { evaluate: 'average', warnScore: 3.67 }))).toEqual([`a ${D1}..${D3} score 3.66 ~ 3.67`])
  })

  it('warns on a metric that has a warning level and no threshold, below the level alone', () => {
    expect(findings(evaluated([day('a', D1, 5, { open_rate: 1 })], { from: D1, to: D1, warnMetricScores: { open_rate: 2 } }))).toEqual([`a ${D1} open_rate 1 ~ 2`])
  })

  it.each(['all', 'latest', 'average'] as const)('under %s: a drop of max-drop fails, one of warn-drop up to max-drop warns, on the latest day', (mode) => {
    const drop = (maxDrop: number | undefined, warnDrop: number | undefined): string[] =>
      findings(evaluated([day('a', D1, 5), day('a', D2, 4.5), day('a', D3, 4)], { evaluate: mode, maxDrop, warnDrop }))
    expect(drop(1, 0.5)).toEqual([`a ${D3} drop 1 < 1`])
    expect(drop(1.5, 1)).toEqual([`a ${D3} drop 1 ~ 1`])
    expect(drop(1.5, 1.01)).toEqual([])
    expect(drop(undefined, 1)).toEqual([`a ${D3} drop 1 ~ 1`])
    const [warning] = evaluated([day('a', D1, 5), day('a', D3, 4)], { evaluate: mode, warnDrop: 1 }).warnings
    expect(warning).toEqual({ account: 'a', date: D3, metric: 'drop', value: 1, level: 1, best: { date: D1, score: 5 } })
  })

  it('judges each account by the warning levels of its own rule, inherited ones included', () => {
    const accountThresholds: ThresholdRule[] = [
      { line: 1, pattern: 'transactional', minScore: 5, minMetricScores: {}, warnMetricScores: { spam_rate: 5 } },
      { line: 2, pattern: 'promo-*', minScore: 2, minMetricScores: {}, warnScore: 3, warnMetricScores: {} }
    ]
    const records = [day('transactional', D1, 5, { spam_rate: 4.5 }), day('promo-eu', D1, 3.5), day('promo-us', D1, 2.5), day('bulk', D1, 3.5)]
    const evaluation = evaluated(records, { from: D1, to: D1, warnScore: 4, accountThresholds })
    expect(findings(evaluation)).toEqual([`promo-us ${D1} score 2.5 ~ 3`, `bulk ${D1} score 3.5 ~ 4`, `transactional ${D1} spam_rate 4.5 ~ 5`])
  })
})

describe('warnings never change the verdict', () => {
  it('passes with only warnings; fails for its breaches alone, counting at risk only the accounts not in breach', () => {
    const passing = evaluated([day('a', D1, 3.5), day('b', D1, 5)], { from: D1, to: D1, warnScore: 4 })
    expect([passing.result, passing.atRisk, passing.warnings.length]).toEqual(['passed', 1, 1])
    expect(conclusionOf(passing.result, false)).toBe('success')
    expect(checkTitle(passing)).toBe('Passed · lowest score 3.5 · 1 at risk')
    const failing = evaluated([day('a', D1, 2, { spam_rate: 3.5 }), day('b', D1, 3.5, { spam_rate: 5 }), day('c', D1, 5)], { from: D1, to: D1, warnScore: 4, warnMetricScores: { spam_rate: 4 } })
    expect(failing.result).toBe('failed')
    expect(failing.atRisk).toBe(1)
    expect(failing.accounts.map((verdict) => [verdict.account, verdict.atRisk])).toEqual([
      ['a', false],
      ['b', true],
      ['c', false]
    ])
    // The account in breach keeps its warning in the list: it is a fact about its scores.
    expect(findings(failing)).toEqual([`a ${D1} score 2 < 3`, `a ${D1} spam_rate 3.5 ~ 4`, `b ${D1} score 3.5 ~ 4`])
  })

  it('for any scores and levels: the same result, breaches, missing scores and lowest score as without warning levels; each warning between its levels (property)', () => {
    const scoreArb = fc.option(fc.integer({ min: 2, max: 10 }).map((halves) => halves / 2), { nil: undefined, freq: 6 })
    const recordsArb = fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.constantFrom(D1, D2, D3), scoreArb, scoreArb), { maxLength: 9 })
    const configArb = fc.record({
      evaluate: fc.constantFrom('all' as const, 'latest' as const, 'average' as const),
      minScore: fc.constantFrom(1, 2, 3),
      warnScore: fc.option(fc.constantFrom(3.5, 4, 5), { nil: undefined }),
      minMetricScores: fc.dictionary(fc.constantFrom<Metric>('spam_rate'), fc.constantFrom(1, 2, 3)),
      warnMetricScores: fc.dictionary(fc.constantFrom<Metric>('spam_rate', 'open_rate'), fc.constantFrom(3.5, 4)),
      maxDrop: fc.option(fc.constantFrom(1.5, 2), { nil: undefined }),
      warnDrop: fc.option(fc.constantFrom(0.5, 1), { nil: undefined })
    })
    fc.assert(
      fc.property(recordsArb, configArb, (entries, levels) => {
        const records = entries.map(([account, date, score, spam]) => (score === undefined ? rec(account, date) : day(account, date, score, { spam_rate: spam ?? score })))
        const warned = evaluated(records, levels)
        const plain = evaluated(records, { ...levels, warnScore: undefined, warnMetricScores: {}, warnDrop: undefined })
        // Accounts at risk rank before those without warnings, so only the missing scores' order may differ.
        const missing = (evaluation: Evaluation): string[] => [...evaluation.missing].map(({ account, date }) => `${account} ${date}`).sort()
        expect([warned.result, [...warned.breaches], missing(warned), warned.lowestScore]).toEqual([plain.result, [...plain.breaches], missing(plain), plain.lowestScore])
        expect([...plain.warnings]).toEqual([])
        for (const warning of warned.warnings) {
          if (warning.metric === 'drop') {
            expect(warning.value >= warning.level && (levels.maxDrop === undefined || warning.value < levels.maxDrop)).toBe(true)
            continue
          }
          const threshold = warning.metric === 'score' ? levels.minScore : levels.minMetricScores[warning.metric as Metric]
          expect(warning.value < warning.level && (threshold === undefined || warning.value >= threshold)).toBe(true)
        }
        expect(warned.atRisk).toBe(warned.accounts.filter((verdict) => verdict.warnings > 0 && verdict.breaches === 0).length)
        expect(warned.warnings.length).toBe([...warned.rows].reduce((sum, row) => sum + row.warnings.length, 0))
      }),
      { numRuns: 600 }
    )
  })
})

/** As GitHub does, raw HTML passes (its sanitizer keeps `<details>` and `<summary>`). */
function render(markdown: string): string {
  return micromark(markdown, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] })
}

/** The text a reader sees in `html`. */
function visible(html: string): string {
  return html.replace(/<[^>]*>/g, '').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').trim()
}

/** The section under `### heading`, rendered, up to the next heading. */
function sectionHtml(html: string, heading: string): string {
  const start = html.indexOf(`<h3>${heading}</h3>`)
  if (start < 0) return ''
  const end = html.indexOf('<h3>', start + 1)
  return html.slice(start, end < 0 ? undefined : end)
}

/** The cells of each row of the table under `### heading`, as a reader sees them. */
function tableRows(html: string, heading: string): string[][] {
  const table = /<table>[^]*?<\/table>/.exec(sectionHtml(html, heading))?.[0] ?? ''
  return [...table.matchAll(/<tr>([^]*?)<\/tr>/g)].slice(1).map((row) => [...(row[1] ?? '').matchAll(/<td[^>]*>([^]*?)<\/td>/g)].map((cell) => visible(cell[1] ?? '')))
}

describe('the report with accounts at risk', () => {
  // newsletters fails (and has a warning too); promo and transactional are at risk; cold has no score; steady is fine.
  const records = [
    day('newsletters', D1, 2, { spam_rate: 3.5 }),
    day('newsletters', D2, 2, { spam_rate: 3.5 }),
    day('promo', D1, 4),
    day('promo', D2, 4),
    day('promo', D3, 3.5, { spam_rate: 5 }),
    ...[D1, D2, D3].map((date) => day('transactional', date, 5, { spam_rate: 3 })),
    rec('cold', D1),
    ...[D1, D2, D3].map((date) => day('steady', date, 5))
  ]
  const levels = { minMetricScores: { spam_rate: 3 }, warnScore: 4, warnMetricScores: { spam_rate: 4 } }
  const failures = [failure({ account: 'gone', message: 'SendGrid answered 403' })]
  const evaluation = evaluated(records, levels, failures)
  const config = settings(levels)
  const markdown = renderSummary(evaluation, config).markdown
  const html = render(markdown)

  it('counts them in the verdict, beside the breaches', () => {
    expect(verdictLine(evaluation, config)).toBe(
      'SendGrid engagement quality failed: 1 of 6 accounts below threshold: score on 2 days in 1 account; 1 account not read; 2 of 6 accounts at risk; lowest score 2'
    )
    const passing = evaluated(records.filter((record) => record.account !== 'newsletters'), levels)
    expect(verdictLine(passing, config)).toBe('SendGrid engagement quality passed: 3 accounts at or above threshold, 2 at risk, 1 without a score, lowest score 3.5')
    expect(visible(/<h2>([^]*?)<\/h2>/.exec(render(renderSummary(passing, config).markdown))?.[1] ?? '')).toBe(`✅ ${verdictLine(passing, config)}`)
  })

  it('says the warning levels on the thresholds line', () => {
    expect(markdown).toContain('score ≥ **3** (at risk below 4) · spam rate ≥ 3 (at risk below 4) · missing scores: warn')
    const drops = renderSummary(evaluation, settings({ maxDrop: 1, warnDrop: 0.5 })).markdown
    expect(drops).toContain('latest score at most 1 below the best (at risk from 0.5)')
    expect(renderSummary(evaluation, settings({ warnDrop: 0.5, warnMetricScores: { open_rate: 2 } })).markdown).toContain(
      'open rate at risk below 2 · at risk when the latest score is 0.5 or more below the best'
    )
  })

  it('lists each account at risk once, after What to fix: which metric, its value, the warning level and when', () => {
    const headings = [...html.matchAll(/<h3>([^<]*)<\/h3>/g)].map((match) => match[1])
    expect(headings.slice(0, 5)).toEqual(['What to fix', 'At risk', 'Not checked', 'Missing scores', 'Accounts'])
    const section = sectionHtml(html, 'At risk')
    expect(visible(/<p>([^]*?)<\/p>/.exec(section)?.[1] ?? '')).toBe('Each is below a warning level, not a threshold: one step from failing. Warnings never fail the run.')
    expect([...section.matchAll(/<li>([^]*?)<\/li>/g)].map((item) => visible(item[1] ?? ''))).toEqual([
      `promo: score 3.5 (at risk below 4, lowest metric: engagement recency 3.5) on ${D3}.`,
      `transactional: spam rate 3 (at risk below 4) from ${D1} to ${D3}, every day.`
    ])
    // The account in breach is under What to fix alone.
    expect(section).not.toContain('newsletters')
  })

  it('marks them in the table with their own status, not ⚠️ (a missing score), and says what it means', () => {
    const rows = tableRows(html, 'Accounts')
    const byAccount = Object.fromEntries(rows.map((row) => [row[1], row]))
    expect(byAccount.promo?.[0]).toBe('🔶 1 of 3 days')
    expect(byAccount.transactional?.[0]).toBe('🔶 3 of 3 days')
    expect(byAccount.transactional?.[8]).toBe('3 🔶')
    expect(byAccount.newsletters?.[0]).toBe('❌ 2 of 3 days')
    expect(byAccount.cold?.[0]).toBe('⚠️ no score')
    expect(markdown).toMatch(/^\| 🔶 1 of 3 days \| promo \| _3\.5_ \| _3\.5_\u00a006-03 \|/m)
    const legend = visible(/<table>[^]*?<\/table>\s*<p>([^]*?)<\/p>/.exec(sectionHtml(html, 'Accounts'))?.[1] ?? '')
    expect(legend).toContain('Status: ❌ days below threshold, 🔶 days at risk (below a warning level, not a threshold), ⚠️ days without a score.')
    expect(legend).toContain('Italic, 🔶: below its warning level.')
  })

  it('says what 🔶 means under latest and average too, and nothing of it where no warning level is set', () => {
    for (const mode of ['latest', 'average'] as const) {
      const report = renderSummary(evaluated(records, { ...levels, evaluate: mode }), settings({ ...levels, evaluate: mode })).markdown
      expect(report).toContain('Status: 🔶 at risk (below a warning level, not a threshold). ')
      expect(report).toMatch(/^\| 🔶 at risk \| transactional \|/m)
    }
    const plain = renderSummary(evaluated(records, { minMetricScores: { spam_rate: 3 } }), settings({ minMetricScores: { spam_rate: 3 } })).markdown
    expect(plain).not.toContain('🔶')
    expect(plain).not.toContain('At risk')
  })

  it('folds the days of each account at risk apart, each at-risk day marked', () => {
    const block = /<details><summary>promo: 1 of 3 days at risk<\/summary>([^]*?)<\/details>/.exec(html)?.[1] ?? ''
    const rows = [...block.matchAll(/<tr>([^]*?)<\/tr>/g)].slice(1).map((row) => [...(row[1] ?? '').matchAll(/<td[^>]*>([^]*?)<\/td>/g)].map((cell) => visible(cell[1] ?? '')))
    expect(rows.map((row) => [row[1], row.at(-1)])).toEqual([
      ['4', '✅'],
      ['4', '✅'],
      ['3.5 🔶', '🔶']
    ])
    // An account in breach fails: its title does not call it at risk, though its days mark its warnings.
    expect(html).toContain('<summary>newsletters: 2 of 3 days below threshold, no score on 1 of 3 days</summary>')
    const dropped = evaluated([day('a', D1, 5), day('a', D2, 5), day('a', D3, 4)], { warnDrop: 1 })
    expect(renderSummary(dropped, settings({ warnDrop: 1 })).markdown).toContain('<summary>a: at risk of a drop from its best</summary>')
  })

  it('counts the rest after twenty accounts at risk', () => {
    const many = Array.from({ length: 23 }, (_, index) => day(`acct-${String(index).padStart(2, '0')}`, D1, 3.5))
    const report = renderSummary(evaluated(many, { from: D1, to: D1, warnScore: 4 }), settings({ from: D1, to: D1, warnScore: 4 })).markdown
    const items = [...sectionHtml(render(report), 'At risk').matchAll(/<li>([^]*?)<\/li>/g)].map((item) => visible(item[1] ?? ''))
    expect(items).toHaveLength(21)
    expect(items.at(-1)).toBe('…and 3 more accounts at risk; the table below lists every account.')
  })

  it('says the same in the text format, with ◆ for at risk', () => {
    const text = renderText(evaluation, config, { colour: false, wording: ACTION_WORDING })
    const lines = text.split('\n')
    const headings = ['What to fix', 'At risk', 'Not checked', 'Missing scores', 'Accounts'].map((heading) => lines.indexOf(heading))
    expect(headings).toEqual([...headings].sort((a, b) => a - b))
    expect(headings[0]).toBeGreaterThan(0)
    expect(text).toContain(
      [
        'At risk',
        `  promo: score 3.5 (at risk below 4, lowest metric: engagement recency 3.5) on ${D3}.`,
        `  transactional: spam rate 3 (at risk below 4) from ${D1} to ${D3}, every day.`,
        '  Each is below a warning level, not a threshold: one step from failing. Warnings never fail the run.'
      ].join('\n')
    )
    expect(lines.find((line) => line.includes(' transactional '))).toMatch(/^ {2}◆ 3 of 3 days +transactional +5 +5 06-03 +5 +5 +5 +5 +3◆ /)
    expect(text).toContain('✗ below threshold; ◆ at risk (below a warning level, not a threshold).')
    const coloured = renderText(evaluation, config, { colour: true, wording: ACTION_WORDING })
    expect(coloured).toContain('\u001b[33m◆ 3 of 3 days\u001b[0m')
    expect(coloured).toContain('\u001b[33m3◆\u001b[0m')
  })
})

describe('warnings in the outputs', () => {
  it('lists every warning shaped like failures, with level for threshold, and counts the accounts at risk', () => {
    const records = [day('a', D1, 2, { spam_rate: 3.5 }), day('b', D1, 3.5, { spam_rate: 5 }), day('c', D1, 5)]
    const evaluation = evaluated(records, { from: D1, to: D1, warnScore: 4, warnMetricScores: { spam_rate: 4 } })
    const outputs = Object.fromEntries([...eachOutput(evaluation, { records: RecordStore.of(records), failures: [] })].map(({ name, value }) => [name, value]))
    expect(outputs['at-risk-count']).toBe('1')
    expect(outputs.passed).toBe('false')
    expect(JSON.parse(outputs.warnings ?? '')).toEqual([
      { account: 'a', date: D1, metric: 'spam_rate', value: 3.5, level: 4 },
      { account: 'b', date: D1, metric: 'score', value: 3.5, level: 4 }
    ])
    expect(Object.keys(JSON.parse(outputs.failures ?? '')[0] as object)).toEqual(['account', 'date', 'metric', 'value', 'threshold'])
  })

  it('describes one warning in a sentence, for annotations', () => {
    const evaluation = evaluated([day('a', D1, 5), day('a', D2, 3.5, { spam_rate: 3 })], { warnScore: 4, warnDrop: 1 })
    expect([...evaluation.warnings].map(describeWarning)).toEqual([
      `a: score fell to 3.5 on ${D2}, 1.5 below its best of 5 on ${D1} (warn-drop 1)`,
      `a: score is 3.5 on ${D2}, below its warning level 4`
    ].reverse())
    const averaged = evaluated([day('a', D1, 3.5), day('a', D2, 3.5)], { evaluate: 'average', warnScore: 4 })
    expect([...averaged.warnings].map(describeWarning)).toEqual([`a: score averages 3.5 over ${D1} to ${D3}, below its warning level 4`])
  })
})

describe('the tracking issue and warnings', () => {
  const checkName = { checkName: 'SEQ' }
  const trackedRun = (records: ScoreRecord[], markdown = 'the report'): TrackedRun => {
    const config = settings({ evaluate: 'latest', warnScore: 4, from: D1, to: D2 })
    return { evaluation: evaluated(records, config), markdown, config: { ...config, github: checkName } }
  }
  const open = (run: TrackedRun): OpenIssue => ({ number: 1, url: 'https://github.example/octo/mail/issues/1', body: planIssue(run, undefined).open?.body ?? '' })

  it('is neither opened nor commented for warnings alone, and closes when only warnings are left', () => {
    const atRisk = trackedRun([day('promo', D2, 3.5)])
    expect(atRisk.evaluation.atRisk).toBe(1)
    expect(planIssue(atRisk, undefined)).toEqual({})
    const issue = open(trackedRun([day('promo', D2, 2)]))
    const plan = planIssue(atRisk, issue)
    expect(plan.edit?.close).toBe(true)
    expect(plan.open).toBeUndefined()
  })

  it('lists the accounts at risk in its body while open, and says nothing when only they change', () => {
    const markdown = (evaluation: Evaluation): string => renderSummary(evaluation, settings({ evaluate: 'latest', warnScore: 4, from: D1, to: D2 })).markdown
    const first = trackedRun([day('promo', D2, 2), day('bulk', D2, 5)])
    const issue = open({ ...first, markdown: markdown(first.evaluation) })
    const second = trackedRun([day('promo', D2, 2), day('bulk', D2, 3.5)])
    const plan = planIssue({ ...second, markdown: markdown(second.evaluation) }, issue)
    expect(plan.comment).toBeUndefined()
    expect(plan.edit?.body).toContain(`### At risk\n\nEach is below a warning level, not a threshold: one step from failing. Warnings never fail the run.\n\n- **bulk**: score **3.5** (at risk below 4, lowest metric: engagement recency 3.5) on ${D2}, its latest scored day.`)
    expect(readState(plan.edit?.body ?? '')?.failing).toEqual([['promo', ['score']]])
    expect(plan.edit?.title).toBe('SEQ: Failed · lowest score 2 · 1 breach · 1 at risk')
  })
})
