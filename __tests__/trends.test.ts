import { describe, expect, it } from '@jest/globals'
import { ADVICE, SEQ_DOCS_URL } from '../src/report/advice.js'
import { CHART_ACCOUNTS, dailySeries, renderTrendChart } from '../src/report/chart.js'
import type { Collection } from '../src/records/collection.js'
import { eachDay } from '../src/dates.js'
import { evaluate, type EvaluationConfig } from '../src/gate/evaluate.js'
import { checkTitle, commentMarker, conclusionOf, fitText, runContextOf } from '../src/report/github.js'
import { parseConfig } from '../src/inputs.js'
import { RecordStore } from '../src/records/record-store.js'
import type { ScoreRecord } from '../src/records/score-record.js'
import { publicConfig } from '../src/report/report-file.js'
import { renderSummary, trendMarker, verdictLine, type ReportConfig } from '../src/report/summary.js'
import { breachesMaxDrop, dropOf, trendOf, type DailyScore } from '../src/gate/trends.js'

/** Trends, the chart, advice and max-drop: pure functions on plain values, no mocks. */

const DAYS = eachDay('2025-06-01', '2025-06-05')
type Settings = EvaluationConfig & ReportConfig

function settings(overrides: Partial<Settings> = {}): Settings {
  return { subusers: 'all', from: DAYS[0] as string, to: DAYS.at(-1) as string, minScore: 1, minMetricScores: {}, evaluate: 'all', missingScores: 'ignore', failOnBreach: true, ...overrides }
}

/** One record per day from 2025-06-01; undefined: not scored that day. */
function account(name: string, ...scores: (number | undefined)[]): ScoreRecord[] {
  return scores.map((score, index) => ({ account: name, user_id: name, date: DAYS[index] as string, ...(score === undefined ? {} : { score }) }))
}

function check(records: ScoreRecord[], overrides: Partial<Settings> = {}) {
  const config = settings(overrides)
  const collection: Collection = { records: RecordStore.of(records), failures: [] }
  return { config, evaluation: evaluate(collection, config) }
}

const day = (index: number, score: number): DailyScore => ({ date: DAYS[index] as string, score })

/** The chart in `markdown`, parsed back: the x-axis labels and each line's name and values. */
function parseChart(markdown: string): { days: string[]; lines: { name: string; values: number[] }[] } {
  const block = /```mermaid\n([^]*?)\n```/.exec(markdown)?.[1] ?? ''
  const list = (text: string): string[] => text.split(',').map((item) => item.trim())
  const axis = /^ {4}x-axis \[(.*)\]$/m.exec(block)?.[1] ?? ''
  const lines = [...block.matchAll(/^ {4}line "(.*)" \[(.*)\]$/gm)].map(([, name = '', values = '']) => ({ name, values: list(values).map(Number) }))
  expect(block.split('\n')[1]).toBe('xychart-beta')
  expect(block).toContain('\n    y-axis "Score" 1 --> 5\n')
  return { days: list(axis).map((label) => JSON.parse(label) as string), lines }
}

describe('trendOf', () => {
  it('compares the first and last scored days', () => {
    expect(trendOf([day(0, 3), day(2, 5), day(4, 4)])).toEqual({ direction: 'up', first: day(0, 3), last: day(4, 4) })
    expect(trendOf([day(0, 5), day(1, 2), day(3, 4.5)])?.direction).toBe('down')
    expect(trendOf([day(0, 4), day(1, 1), day(4, 4)])?.direction).toBe('flat')
  })

  it('has no trend under two scored days', () => {
    expect(trendOf([])).toBeUndefined()
    expect(trendOf([day(0, 4)])).toBeUndefined()
  })
})

describe('dropOf and max-drop', () => {
  it('measures the latest score against the best, the most recent best day winning ties', () => {
    expect(dropOf([day(0, 5), day(1, 5), day(2, 3.5), day(3, 4)])).toEqual({ best: day(1, 5), latest: day(3, 4), by: 1 })
    expect(dropOf([day(0, 3), day(1, 4)])).toEqual({ best: day(1, 4), latest: day(1, 4), by: 0 })
    expect(dropOf([day(0, 4.7), day(1, 4.1)])?.by).toBe(0.6)
    expect(dropOf([])).toBeUndefined()
  })

  it('breaches when the drop reaches max-drop, not before', () => {
    const drop = dropOf([day(0, 5), day(1, 4)])
    expect(breachesMaxDrop(drop, 1)).toBe(true)
    expect(breachesMaxDrop(drop, 0.5)).toBe(true)
    expect(breachesMaxDrop(drop, 1.01)).toBe(false)
    expect(breachesMaxDrop(dropOf([day(0, 4)]), 0.01)).toBe(false)
  })

  it('adds a drop breach on the latest day, which fails the run though every score is above min-score', () => {
    const { evaluation } = check([...account('falling', 5, 5, 4, undefined, 4), ...account('steady', 4, 4, 4, 4, 4)], { maxDrop: 1, minScore: 3 })
    expect(evaluation.result).toBe('failed')
    expect([...evaluation.breaches]).toEqual([
      { account: 'falling', date: DAYS[4], metric: 'drop', value: 1, threshold: 1, best: day(1, 5) }
    ])
    expect([...evaluation.rows].find((row) => row.breaches.length > 0)?.date).toBe(DAYS[4])
    expect(evaluation.accounts.map((verdict) => [verdict.account, verdict.breaches])).toEqual([['falling', 1], ['steady', 0]])
  })

  it('is off without max-drop, and judged on daily scores under latest and average too', () => {
    const records = account('falling', 5, 5, 5, 5, 3)
    expect([...check(records).evaluation.breaches]).toEqual([])
    for (const mode of ['latest', 'average'] as const) {
      const { evaluation } = check(records, { maxDrop: 2, evaluate: mode })
      expect([...evaluation.breaches].map((breach) => [breach.metric, breach.date, breach.value, breach.best?.score])).toEqual([['drop', DAYS[4], 2, 5]])
    }
    expect([...check(records, { maxDrop: 2.5 }).evaluation.breaches]).toEqual([])
  })

  it('is described in the verdict, the table and under What to fix, with its advice', () => {
    const { evaluation, config } = check(account('falling', 5, 4, 4, 4, 3), { maxDrop: 2, minScore: 3 })
    expect(verdictLine(evaluation)).toBe('SendGrid engagement quality failed: 1 of 1 account fell 2 or more below its best score, lowest score 3')
    const { markdown } = renderSummary(evaluation, config)
    expect(markdown.split('\n')[2]).toBe(
      'Checked **2025-06-01 to 2025-06-05** (UTC) · evaluating every day · score ≥ **3** · latest score at most 2 below the best · missing scores: ignore'
    )
    expect(markdown).toContain(`| ❌ dropped 2 from 5 (${DAYS[0]}) |`)
    expect(markdown).toContain(`\n**Drop from best**: falling (dropped 2 from 5 (${DAYS[0]}))\n- ${ADVICE.drop[0]}\n`)
  })
})

describe('the trend chart', () => {
  it('draws one line per account, worst first, with a value for every day of the range', () => {
    const records = [...account('good', 5, 5, 5, 5, 5), ...account('bad', 2, 3, undefined, 2, 1), ...account('late', undefined, undefined, 4, 4, 3)]
    const { evaluation, config } = check(records, { minScore: 3 })
    const chart = parseChart(renderSummary(evaluation, config).markdown)
    expect(chart.days).toEqual(['06-01', '06-02', '06-03', '06-04', '06-05'])
    expect(chart.lines).toEqual([
      { name: 'bad', values: [2, 3, 3, 2, 1] },
      { name: 'late', values: [4, 4, 4, 4, 3] },
      { name: 'good', values: [5, 5, 5, 5, 5] }
    ])
  })

  it('keeps to the 10 worst scored accounts and says so, leaving out accounts never scored', () => {
    const records = [
      ...Array.from({ length: 14 }, (_, index) => account(`acct-${String(index).padStart(2, '0')}`, 5, 5, 5, 5, 1 + (index % 5))).flat(),
      ...account('never', undefined, undefined, undefined, undefined, undefined)
    ]
    const { evaluation, config } = check(records, { minScore: 2 })
    const markdown = renderSummary(evaluation, config).markdown
    const { lines } = parseChart(markdown)
    expect(lines).toHaveLength(CHART_ACCOUNTS)
    expect(lines.map((line) => line.values.at(-1))).toEqual([1, 1, 1, 2, 2, 2, 3, 3, 3, 4])
    expect(lines.map((line) => line.name)).not.toContain('never')
    expect(markdown).toContain('(the 10 worst of 14 scored accounts)')
  })

  it('sits right before the table', () => {
    const { evaluation, config } = check(account('a', 4, 5, 5, 5, 5))
    const markdown = renderSummary(evaluation, config).markdown
    expect(markdown).toMatch(/\n```\n\n🔴 a\. _Days without a score repeat the previous score\._\n\n\| Account \|/)
  })

  it('is left out for a single day or when nothing was scored', () => {
    const oneDay = check(account('a', 4), { to: DAYS[0] })
    expect(renderTrendChart(oneDay.evaluation.accounts, oneDay.config)).toBe('')
    const unscored = check(account('a', undefined, undefined))
    expect(renderTrendChart(unscored.evaluation.accounts, unscored.config)).toBe('')
  })

  it('keeps quotes, backticks and line breaks in names from breaking the chart', () => {
    const { evaluation, config } = check(account('say "hi"`\nnow', 4, 4))
    expect(parseChart(renderSummary(evaluation, config).markdown).lines.map((line) => line.name)).toEqual(["say 'hi'' now"])
  })

  it('fills the days before the first score with the first score', () => {
    expect(dailySeries({ scores: [day(2, 3), day(4, 5)] }, DAYS)).toEqual([3, 3, 3, 3, 5])
  })
})

describe('trend markers in the table', () => {
  it('says up, down or flat with the first and last scores, on each account’s first row', () => {
    expect(trendMarker({ scores: [day(0, 3), day(4, 4)] })).toBe('↗ up (3 → 4)')
    expect(trendMarker({ scores: [day(0, 5), day(4, 4)] })).toBe('↘ down (5 → 4)')
    expect(trendMarker({ scores: [day(0, 4), day(4, 4)] })).toBe('→ flat (4)')
    expect(trendMarker({ scores: [day(0, 4)] })).toBe('–')
    const { evaluation, config } = check(account('a', 5, 4, 4, 4, 4), { evaluate: 'latest' })
    expect(renderSummary(evaluation, config).markdown).toContain(`| a | ${DAYS[4]} | 4 | – | – | – | – | – | ✅ | ↘ down (5 → 4) |`)
  })
})

describe('advice under each breached metric', () => {
  const metricRecord = (spam: number): ScoreRecord => ({
    account: 'news',
    user_id: '1',
    date: DAYS[0] as string,
    score: 2,
    metrics: { engagement_recency: 1, open_rate: 1, bounce_classification: 1, bounce_rate: 1, spam_rate: spam }
  })

  it('lists each breached metric once, with its accounts, what usually fixes it, and the SEQ documentation', () => {
    const minMetricScores = { engagement_recency: 2, open_rate: 2, bounce_classification: 2, bounce_rate: 2, spam_rate: 3 }
    const { evaluation, config } = check([metricRecord(2)], { to: DAYS[0], minScore: 3, minMetricScores })
    const markdown = renderSummary(evaluation, config).markdown
    const section = markdown.slice(markdown.indexOf('\n### What to fix\n'))
    const headings = [...section.matchAll(/^\*\*(.+?)\*\*: (.*)$/gm)].map(([, label, accounts]) => [label, accounts])
    expect(headings).toEqual([
      ['Score', 'news (score 2 < 3)'],
      ['Engagement recency', 'news (engagement recency 1 < 2)'],
      ['Open rate', 'news (open rate 1 < 2)'],
      ['Bounce classification', 'news (bounce classification 1 < 2)'],
      ['Bounce rate', 'news (bounce rate 1 < 2)'],
      ['Spam rate', 'news (spam rate 2 < 3)']
    ])
    expect(section).toContain('\n**Spam rate**: news (spam rate 2 < 3)\n- Offer one-click unsubscribe (RFC 8058 List-Unsubscribe-Post)')
    expect(section).toContain('below 0.1% and never reach 0.3%')
    expect(section).toMatch(/\*\*Engagement recency\*\*: .*\n- Stop mailing addresses with no open or click in the last 90 days/)
    expect(section).toMatch(/\*\*Open rate\*\*: .*\n- Segment by engagement/)
    expect(section).toMatch(/\*\*Bounce classification\*\*: .*\n- .*SPF, DKIM and DMARC.*blocklists.*content/)
    expect(section).toMatch(/\*\*Bounce rate\*\*: .*\n- Validate addresses.*remove hard bounces.*confirmed \(double\) opt-in/)
    expect(section).toContain(`(${SEQ_DOCS_URL})`)
  })

  it('names at most 10 accounts per metric, each at its worst, and counts the rest', () => {
    const records = Array.from({ length: 12 }, (_, index) => account(`acct-${String(index).padStart(2, '0')}`, 2, 1)).flat()
    const { evaluation, config } = check(records, { to: DAYS[1], minScore: 3 })
    const markdown = renderSummary(evaluation, config).markdown
    const line = /^\*\*Score\*\*: (.*)$/m.exec(markdown)?.[1] ?? ''
    expect(line.split(', ')).toHaveLength(10)
    expect(line).toMatch(/^acct-00 \(score 1 < 3\), .* and 2 more$/)
  })

  it('has no What to fix section without breaches', () => {
    const { evaluation, config } = check(account('a', 5, 5))
    expect(renderSummary(evaluation, config).markdown).not.toContain('What to fix')
  })
})

describe('the GitHub report, pure parts', () => {
  it('concludes success on a pass, neutral when pending or reporting only, else failure', () => {
    expect(conclusionOf('passed', false)).toBe('success')
    expect(conclusionOf('pending', true)).toBe('neutral')
    expect(conclusionOf('failed', false)).toBe('neutral')
    expect(conclusionOf('error', false)).toBe('neutral')
    expect(conclusionOf('failed', true)).toBe('failure')
    expect(conclusionOf('error', true)).toBe('failure')
  })

  it('titles the check run with the verdict and the lowest score', () => {
    expect(checkTitle({ result: 'passed', lowestScore: 4, breaches: [] })).toBe('Passed · lowest score 4')
    expect(checkTitle({ result: 'pending', lowestScore: undefined, breaches: [] })).toBe('Still pending · no score')
    const { evaluation } = check([...account('a', 2, 1)], { to: DAYS[1], minScore: 3 })
    expect(checkTitle(evaluation)).toBe('Failed · lowest score 1 · 2 breaches')
  })

  it('takes the pull request head from the event, else GITHUB_SHA', () => {
    const env = { GITHUB_REPOSITORY: 'octo/mail', GITHUB_SHA: 'merge', GITHUB_EVENT_NAME: 'pull_request' }
    expect(runContextOf(env, { pull_request: { number: 5, head: { sha: 'head' } } })).toEqual({
      owner: 'octo', repo: 'mail', eventName: 'pull_request', sha: 'head', pullRequest: 5
    })
    expect(runContextOf({ ...env, GITHUB_EVENT_NAME: 'push' }, { after: 'x' })).toEqual({ owner: 'octo', repo: 'mail', eventName: 'push', sha: 'merge', pullRequest: undefined })
    expect(runContextOf({ GITHUB_SHA: 'merge' }, undefined)).toBeUndefined()
    expect(runContextOf({ GITHUB_REPOSITORY: 'octo/mail' }, undefined)).toBeUndefined()
  })

  it('cuts text over GitHub’s 65,535 characters at a line end, saying so', () => {
    const text = Array.from({ length: 5000 }, (_, index) => `line ${index} ${'x'.repeat(20)}`).join('\n')
    const cut = fitText(text)
    expect(cut.length).toBeLessThanOrEqual(65_535)
    expect(cut).toMatch(/\nline \d+ x{20}\n\n_Cut to fit GitHub's 65,535-character limit; the `report-file` output has the whole report\._\n$/)
    expect(text.startsWith(cut.slice(0, cut.indexOf('\n\n_Cut')))).toBe(true)
    expect(fitText('short')).toBe('short')
  })

  it('keeps one comment per check name, behind a marker that renders as nothing', () => {
    expect(commentMarker('SEQ --> (eu)')).toBe('<!-- sendgrid-engagement-quality-gate: SEQ%20--%3E%20(eu) -->')
    expect(commentMarker('a')).not.toBe(commentMarker('b'))
  })
})

describe('the report file config', () => {
  it('has neither the API key nor the token', () => {
    const config = parseConfig((name) => ({ 'api-key': 'SG.secret', 'github-token': 'ghs_secret', 'max-drop': '1' })[name as string] ?? '', '2025-06-30')
    const shown = publicConfig(config)
    expect(JSON.stringify(shown)).not.toMatch(/SG\.secret|ghs_secret/)
    expect(shown).toMatchObject({ maxDrop: 1, github: { checkRun: true, checkName: 'SendGrid engagement quality', prComment: false } })
  })
})
