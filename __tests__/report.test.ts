import { describe, it, expect } from '@jest/globals'
import { evaluate, type Breach, type EvaluationConfig } from '../src/gate/evaluate.js'
import type { Collection, Failure } from '../src/records/collection.js'
import { RecordStore } from '../src/records/record-store.js'
import type { ScoreRecord } from '../src/records/score-record.js'
import { failure, metrics, rec } from './support/records.js'
import { OUTPUT_LIMIT_BYTES, boundedJsonArray, buildOutputs } from '../src/report/outputs.js'
import {
  SUMMARY_LIMIT_BYTES,
  describeBreach,
  renderSummary,
  verdictLine,
  type ReportConfig
} from '../src/report/summary.js'
import { addDays } from '../src/dates.js'

const D1 = '2025-06-01'
const D2 = '2025-06-02'
const D3 = '2025-06-03'

type Settings = EvaluationConfig & ReportConfig

function settings(overrides: Partial<Settings> = {}): Settings {
  return {
    subusers: 'all',
    from: D1,
    to: D3,
    minScore: 3,
    minMetricScores: {},
    evaluate: 'all',
    missingScores: 'warn',
    failOnBreach: true,
    ...overrides
  }
}

function run(records: ScoreRecord[], failures: Failure[] = [], overrides: Partial<Settings> = {}) {
  const config = settings(overrides)
  const collection: Collection = { records: RecordStore.of(records), failures }
  return { config, collection, evaluation: evaluate(collection, config) }
}

/** Cells of a markdown table line, split on unescaped pipes. */
function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim())
}

interface Table {
  header: string[]
  rows: string[][]
}

/** The table of a rendered summary, parsed back. */
function tableOf(markdown: string): Table {
  const lines = markdown.split('\n').filter((line) => line.startsWith('|'))
  const [header = '', separator = '', ...rows] = lines
  expect(cells(separator).every((cell) => /^-+:?$/.test(cell))).toBe(true)
  return { header: cells(header), rows: rows.map(cells) }
}

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8')
const HEADER = ['Account', 'Date', 'Score', 'Engagement recency', 'Open rate', 'Bounce classification', 'Bounce rate', 'Spam rate', 'Status']
/** Over more than one day the table ends in each account's trend, on its first row. */
const HEADER_WITH_TREND = [...HEADER, 'Trend']

describe('renderSummary', () => {
  it('renders one table row per Row, with the header columns, values and status', () => {
    const { evaluation, config } = run(
      [rec('alice', D1, 4, { spam_rate: 3 }), rec('alice', D2), rec('bob', D1, 2, { spam_rate: 2, open_rate: 1 })],
      [],
      { from: D1, to: D2, minMetricScores: { spam_rate: 3 } }
    )
    const { markdown, omittedRows } = renderSummary(evaluation, config)
    expect(omittedRows).toBe(0)
    const table = tableOf(markdown)
    expect(table.header).toEqual(HEADER_WITH_TREND)
    expect(table.rows).toEqual([
      ['bob', D1, '**2** ❌', '5', '1', '5', '5', '**2** ❌', '❌ score 2 < 3, spam rate 2 < 3', '–'],
      ['bob', D2, '–', '–', '–', '–', '–', '–', '⚠️ no score', ''],
      ['alice', D1, '4', '5', '5', '5', '5', '3', '✅', '–'],
      ['alice', D2, '–', '–', '–', '–', '–', '–', '⚠️ no score', '']
    ])
    expect(table.rows).toHaveLength(evaluation.rows.length)
  })

  it('heads the summary with the icon and verdict, then the thresholds', () => {
    const { evaluation, config } = run([rec('bob', D1, 2)], [], { from: D1, to: D1, minMetricScores: { spam_rate: 4, bounce_rate: 2 } })
    const lines = renderSummary(evaluation, config).markdown.split('\n')
    expect(lines[0]).toBe('## ❌ SendGrid engagement quality failed: 1 score below threshold in 1 of 1 account, lowest score 2')
    expect(lines[1]).toBe('')
    expect(lines[2]).toBe(
      'Checked **2025-06-01** (UTC) · evaluating every day · score ≥ **3** · spam rate ≥ 4 · bounce rate ≥ 2 · missing scores: warn'
    )
  })

  it.each([
    ['passed', '✅', [rec('bob', D1, 5)], []],
    ['error', '⚠️', [rec('bob', D1, 5)], [failure({ account: 'x' })]],
    ['pending', '⏳', [rec('bob', D1, 5)], [failure({ account: 'x', outcome: 'pending' })]]
  ] as const)('marks a %s result with %s', (result, icon, records, failures) => {
    const { evaluation, config } = run([...records], [...failures], { from: D1, to: D1 })
    expect(evaluation.result).toBe(result)
    expect(renderSummary(evaluation, config).markdown.startsWith(`## ${icon} ${verdictLine(evaluation)}\n`)).toBe(true)
  })

  it('describes the mode, a range and report-only in the thresholds line', () => {
    const { evaluation, config } = run([rec('bob', D1, 5)], [], { evaluate: 'average', missingScores: 'fail', failOnBreach: false, minScore: 2.5 })
    expect(renderSummary(evaluation, config).markdown.split('\n')[2]).toBe(
      'Checked **2025-06-01 to 2025-06-03** (UTC) · evaluating average per account · score ≥ **2.5** · missing scores: fail · report only (fail-on-breach: false)'
    )
    const latest = run([rec('bob', D1, 5)], [], { evaluate: 'latest' })
    expect(renderSummary(latest.evaluation, latest.config).markdown.split('\n')[2]).toContain(' · evaluating latest scored day per account · ')
  })

  it('heads the date column Range under average and writes the range out', () => {
    const { evaluation, config } = run([rec('bob', D1, 4), rec('bob', D2, 2)], [], { evaluate: 'average' })
    const table = tableOf(renderSummary(evaluation, config).markdown)
    expect(table.header[1]).toBe('Range')
    expect(table.rows).toEqual([['bob', '2025-06-01 to 2025-06-03', '3', '–', '–', '–', '–', '–', '✅', '↘ down (4 → 2)']])
  })

  it('lists the accounts and days that could not be read under Not checked', () => {
    const { evaluation, config } = run(
      [rec('alice', D1, 5)],
      [failure({ account: 'bob', message: 'SendGrid answered 500 | <b>oops</b>' }), failure({ date: D2, outcome: 'pending', message: 'still 202' })],
      { from: D1, to: D2 }
    )
    const { markdown } = renderSummary(evaluation, config)
    const section = markdown.slice(markdown.indexOf('\n### Not checked\n'))
    expect(section).toBe(
      '\n### Not checked\n\nThese could not be read, so their scores are not in the table:\n\n' +
        '- **bob** (error): SendGrid answered 500 \\| \\<b\\>oops\\</b\\>\n' +
        '- **every subuser on 2025-06-02** (still pending): still 202\n'
    )
    expect(tableOf(markdown).rows.map((row) => row[0])).toEqual(['alice'])
  })

  it('has no Not checked section without failures', () => {
    const { evaluation, config } = run([rec('alice', D1, 5)], [], { from: D1, to: D1 })
    expect(renderSummary(evaluation, config).markdown).not.toContain('Not checked')
  })

  it('escapes pipes, angle brackets and markdown in account names', () => {
    const { evaluation, config } = run([rec('a|b<script>*x*_y_`z`[l](u)\\', D1, 5)], [], { from: D1, to: D1 })
    const table = tableOf(renderSummary(evaluation, config).markdown)
    expect(table.rows).toHaveLength(1)
    expect(table.rows[0]).toHaveLength(HEADER.length)
    expect(table.rows[0]?.[0]).toBe('a\\|b\\<script\\>\\*x\\*\\_y\\_\\`z\\`\\[l\\](u)\\\\')
  })

  it('says when there is nothing to show', () => {
    const { evaluation, config } = run([], [failure({ account: 'bob' })], { subusers: ['bob'] })
    const { markdown, omittedRows } = renderSummary(evaluation, config)
    expect(omittedRows).toBe(0)
    expect(markdown).toContain('\n_No scores to show._\n')
    expect(markdown).not.toContain('| Account |')
  })

  describe('under a small limit', () => {
    /** 60 accounts over 3 days, with long multi-byte names: 180 rows. */
    const many = (): ReturnType<typeof run> =>
      run(
        Array.from({ length: 60 }, (_, index) =>
          [D1, D2, D3].map((date) => rec(`kontö-${String(index).padStart(2, '0')}-${'é'.repeat(30)}`, date, 1 + (index % 5)))
        ).flat()
      )

    it('keeps the first rows (worst accounts first) and says how many were left out', () => {
      const { evaluation, config } = many()
      const { markdown, omittedRows } = renderSummary(evaluation, config, 8000)
      const table = tableOf(markdown)
      expect(omittedRows).toBeGreaterThan(0)
      expect(table.rows.length + omittedRows).toBe(180)
      expect(table.rows.map((row) => row[0])).toEqual([...evaluation.rows].slice(0, table.rows.length).map((row) => row.account))
      expect(markdown).toContain(
        `\n\n_${omittedRows} more rows not shown to stay within GitHub's size limit; the worst accounts come first, and every record is in the \`report-file\` output._\n`
      )
      expect(bytes(markdown)).toBeLessThanOrEqual(8000)
    })

    it('never goes over the limit, and shows more rows as the limit grows', () => {
      const { evaluation, config } = many()
      const full = renderSummary(evaluation, config)
      expect(full.omittedRows).toBe(0)
      expect(full.markdown).not.toContain('more rows not shown')
      expect(renderSummary(evaluation, config, 1000).omittedRows).toBeGreaterThanOrEqual(170)
      let shown = -1
      for (let limit = 1000; limit <= bytes(full.markdown) + 500; limit += 97) {
        const { markdown, omittedRows } = renderSummary(evaluation, config, limit)
        expect(bytes(markdown)).toBeLessThanOrEqual(limit)
        expect(180 - omittedRows).toBeGreaterThanOrEqual(shown)
        shown = 180 - omittedRows
      }
      expect(shown).toBe(180)
    })

    it('leaves room for the Not checked section', () => {
      const { evaluation, config } = many()
      const failures = [1, 2, 3].map((index) => failure({ account: `gone-${index}`, message: `${'x'.repeat(300)} ${index}` }))
      const withFailures = { ...evaluation, failures }
      const full = renderSummary(withFailures, config)
      expect(full.omittedRows).toBe(0)
      expect(renderSummary(withFailures, config, 6000).omittedRows).toBeGreaterThanOrEqual(150)
      // From 6,000 bytes on, a quarter of the limit holds all three failures.
      for (let limit = 6000; limit <= bytes(full.markdown) + 500; limit += 89) {
        const { markdown, omittedRows } = renderSummary(withFailures, config, limit)
        expect(bytes(markdown)).toBeLessThanOrEqual(limit)
        expect(markdown).toContain(`- **gone-3** (error): ${'x'.repeat(300)} 3\n`)
        if (omittedRows > 0) expect(markdown).toContain(`_${omittedRows} more rows not shown`)
      }
    })

    it('cuts a long Not checked list to a quarter of the limit, counting the rest', () => {
      const failures = Array.from({ length: 50 }, (_, index) => failure({ account: `acct-${index}`, message: 'x'.repeat(200) }))
      const { evaluation, config } = run([rec('a', D1, 4)], failures)
      const { markdown } = renderSummary(evaluation, config, 4000)

      expect(Buffer.byteLength(markdown)).toBeLessThanOrEqual(4000)
      const listed = markdown.split('\n').filter((line) => /^- \*\*acct-\d+\*\*/.test(line))
      expect(listed.length).toBeGreaterThan(0)
      expect(listed.join('\n').length).toBeLessThan(1000)
      expect(markdown).toContain(`- _and ${50 - listed.length} more, listed in the \`report-file\` output_`)
    })

    it('uses the 1 MB default limit', () => {
      expect(SUMMARY_LIMIT_BYTES).toBe(1_000_000)
    })
  })
})

describe('verdictLine', () => {
  it('passes with the account count and lowest score', () => {
    expect(verdictLine(run([rec('a', D1, 4), rec('b', D1, 3.5)], [], { from: D1, to: D1 }).evaluation)).toBe(
      'SendGrid engagement quality passed: 2 accounts at or above threshold, lowest score 3.5'
    )
    expect(verdictLine(run([rec('a', D1, 4)], [], { from: D1, to: D1 }).evaluation)).toBe(
      'SendGrid engagement quality passed: 1 account at or above threshold, lowest score 4'
    )
    expect(verdictLine(run([rec('a', D1)], [], { from: D1, to: D1 }).evaluation)).toBe(
      'SendGrid engagement quality passed: 1 account at or above threshold'
    )
  })

  it('fails with the breaches, the accounts in breach and the lowest score', () => {
    const records = [rec('a', D1, 2, { spam_rate: 1 }), rec('a', D2, 1), rec('b', D1, 5), rec('b', D2, 5)]
    const { evaluation } = run(records, [], { from: D1, to: D2, minMetricScores: { spam_rate: 2 } })
    expect(verdictLine(evaluation)).toBe('SendGrid engagement quality failed: 3 scores below threshold in 1 of 2 accounts, lowest score 1')
  })

  it('fails on missing scores alone under missing-scores: fail', () => {
    const { evaluation } = run([rec('a', D1, 4), rec('a', D2), rec('a', D3)], [], { missingScores: 'fail' })
    expect(verdictLine(evaluation)).toBe('SendGrid engagement quality failed: 2 missing scores, lowest score 4')
  })

  it('fails and mentions requests that failed too', () => {
    const { evaluation } = run([rec('a', D1, 1)], [failure({ account: 'b' })], { from: D1, to: D1 })
    expect(verdictLine(evaluation)).toBe(
      'SendGrid engagement quality failed: 1 score below threshold in 1 of 2 accounts; 1 account or day not read, lowest score 1'
    )
  })

  it('could not check on an error', () => {
    const { evaluation } = run([rec('a', D1, 5)], [failure({ account: 'b' }), failure({ account: 'c', outcome: 'pending' })], { from: D1, to: D1 })
    expect(evaluation.result).toBe('error')
    expect(verdictLine(evaluation)).toBe('SendGrid engagement quality could not be checked: 2 accounts or days not read')
  })

  it('is still pending when only 202s stood in the way', () => {
    const { evaluation } = run([], [failure({ account: 'b', outcome: 'pending' })], { subusers: ['b'] })
    expect(verdictLine(evaluation)).toBe(
      'SendGrid engagement quality still pending: SendGrid had not finished computing scores (1 account or day not read)'
    )
  })
})

describe('buildOutputs', () => {
  it('sets passed, result and lowest-score as strings', () => {
    const passed = run([rec('a', D1, 4.5)], [], { from: D1, to: D1 })
    expect(buildOutputs(passed.evaluation, passed.collection).outputs).toMatchObject({ passed: 'true', result: 'passed', 'lowest-score': '4.5' })
    const failed = run([rec('a', D1, 2)], [], { from: D1, to: D1 })
    expect(buildOutputs(failed.evaluation, failed.collection).outputs).toMatchObject({ passed: 'false', result: 'failed', 'lowest-score': '2' })
    const pending = run([], [failure({ account: 'a', outcome: 'pending' })], { subusers: ['a'] })
    expect(buildOutputs(pending.evaluation, pending.collection).outputs).toMatchObject({ passed: 'false', result: 'pending', 'lowest-score': '' })
  })

  it('writes the breaches and missing scores as JSON', () => {
    const { evaluation, collection } = run([rec('a', D1, 2), rec('a', D2)], [], { from: D1, to: D2 })
    const { outputs } = buildOutputs(evaluation, collection)
    expect(JSON.parse(outputs.failures)).toEqual([{ account: 'a', date: D1, metric: 'score', value: 2, threshold: 3 }])
    expect(JSON.parse(outputs.missing)).toEqual([{ account: 'a', date: D2 }])
    const latest = run([rec('a', D1)], [], { from: D1, to: D1, evaluate: 'latest' })
    expect(JSON.parse(buildOutputs(latest.evaluation, latest.collection).outputs.missing)).toEqual([{ account: 'a' }])
  })

  it('lists every record fetched, worst accounts first, each by date, without absent fields', () => {
    const records = [rec('good', D2, 5), rec('good', D1, 5), rec('bad', D2), rec('bad', D1, 1, { spam_rate: 2 }), rec('mid', D1, 4)]
    const { evaluation, collection } = run(records, [], { from: D1, to: D2 })
    const built = buildOutputs(evaluation, collection)
    expect(built.omitted).toEqual({ scores: 0, failures: 0, missing: 0 })
    expect(JSON.parse(built.outputs.scores)).toEqual([
      { account: 'bad', user_id: 'id-bad', date: D1, score: 1, metrics: metrics({ spam_rate: 2 }) },
      { account: 'bad', user_id: 'id-bad', date: D2 },
      { account: 'mid', user_id: 'id-mid', date: D1, score: 4 },
      { account: 'good', user_id: 'id-good', date: D1, score: 5 },
      { account: 'good', user_id: 'id-good', date: D2, score: 5 }
    ])
    expect(built.outputs.scores).not.toContain('undefined')
  })

  it('cuts the scores to the limit, keeping the worst accounts, and counts what it left out', () => {
    const records = Array.from({ length: 40 }, (_, index) => rec(`acct-${String(index).padStart(2, '0')}`, D1, 1 + (index % 5)))
    const { evaluation, collection } = run(records, [], { from: D1, to: D1 })
    const full = JSON.parse(buildOutputs(evaluation, collection).outputs.scores) as unknown[]
    expect(full).toHaveLength(40)
    for (const limit of [2, 60, 500, 1000, 2000]) {
      const { outputs, omitted } = buildOutputs(evaluation, collection, limit)
      expect(bytes(outputs.scores)).toBeLessThanOrEqual(limit)
      const kept = JSON.parse(outputs.scores) as unknown[]
      expect(kept).toEqual(full.slice(0, kept.length))
      expect(kept.length + omitted.scores).toBe(40)
      expect(omitted.scores).toBeGreaterThan(0)
    }
    expect(buildOutputs(evaluation, collection, 2)).toMatchObject({ omitted: { scores: 40 }, outputs: { scores: '[]' } })
    expect(OUTPUT_LIMIT_BYTES).toBe(900_000)
  })

  it('cuts the failures and missing outputs to the limit too, and counts what it left out', () => {
    const records = Array.from({ length: 30 }, (_, index) => rec(`low-${index}`, D1, 1))
    const missingAccounts = Array.from({ length: 30 }, (_, index) => rec(`none-${index}`, D1))
    const { evaluation, collection } = run([...records, ...missingAccounts], [], { evaluate: 'latest' })
    const { outputs, omitted } = buildOutputs(evaluation, collection, 600)

    for (const name of ['failures', 'missing'] as const) {
      expect(Buffer.byteLength(outputs[name])).toBeLessThanOrEqual(600)
      expect((JSON.parse(outputs[name]) as unknown[]).length + omitted[name]).toBe(30)
      expect(omitted[name]).toBeGreaterThan(0)
    }
  })

  it('boundedJsonArray keeps as many leading items as fit', () => {
    expect(boundedJsonArray([], 2)).toEqual({ json: '[]', omitted: 0 })
    expect(boundedJsonArray([1, 2, 3], 2)).toEqual({ json: '[]', omitted: 3 })
    expect(boundedJsonArray(['aa', 'bb'], 7)).toEqual({ json: '["aa"]', omitted: 1 })
    expect(boundedJsonArray(['aa', 'bb'], 13)).toEqual({ json: '["aa","bb"]', omitted: 0 })
    // Bytes, not characters: "é" is 2 bytes; each item is counted with its comma.
    expect(boundedJsonArray(['é'], 6)).toEqual({ json: '[]', omitted: 1 })
    expect(boundedJsonArray(['é'], 7)).toEqual({ json: '["é"]', omitted: 0 })
  })
})

describe('describeBreach', () => {
  const breach = (overrides: Partial<Breach>): Breach => ({ account: 'newsletters', date: '2026-11-24', metric: 'score', value: 2, threshold: 3, ...overrides })

  it('describes a day breach', () => {
    expect(describeBreach(breach({}))).toBe('newsletters: score is 2 on 2026-11-24, below 3')
    expect(describeBreach(breach({ metric: 'engagement_recency', value: 1, threshold: 2 }))).toBe(
      'newsletters: engagement recency is 1 on 2026-11-24, below 2'
    )
    expect(describeBreach(breach({ metric: 'bounce_classification', value: 3.5, threshold: 4 }))).toBe(
      'newsletters: bounce classification is 3.5 on 2026-11-24, below 4'
    )
  })

  it('describes an average breach over a range', () => {
    expect(describeBreach(breach({ date: '2026-11-01..2026-11-24', metric: 'spam_rate', value: 2.67, threshold: 3 }))).toBe(
      'newsletters: spam rate averages 2.67 over 2026-11-01 to 2026-11-24, below 3'
    )
    expect(describeBreach(breach({ date: `${addDays('2026-11-24', -7)}..2026-11-24`, metric: 'open_rate' }))).toBe(
      'newsletters: open rate averages 2 over 2026-11-17 to 2026-11-24, below 3'
    )
  })

  it('describes a drop from the best score', () => {
    expect(describeBreach(breach({ date: D3, metric: 'drop', value: 1.5, threshold: 1, best: { date: D1, score: 5 } }))).toBe(
      'newsletters: score fell to 3.5 on 2025-06-03, 1.5 below its best of 5 on 2025-06-01 (max-drop 1)'
    )
    const { evaluation } = run([rec('a', D1, 4.3), rec('a', D2, 3.3)], [], { from: D1, to: D2, maxDrop: 1 })
    expect([...evaluation.breaches].map(describeBreach)).toEqual(['a: score fell to 3.3 on 2025-06-02, 1 below its best of 4.3 on 2025-06-01 (max-drop 1)'])
    expect(verdictLine(evaluation)).toBe('SendGrid engagement quality failed: 1 of 1 account fell 1 or more below its best score, lowest score 3.3')
  })

  it('describes the breaches evaluate finds', () => {
    const { evaluation } = run([rec('a', D1, 1), rec('a', D2, 2)], [], { evaluate: 'average', minScore: 2 })
    expect([...evaluation.breaches].map(describeBreach)).toEqual(['a: score averages 1.5 over 2025-06-01 to 2025-06-03, below 2'])
  })
})
