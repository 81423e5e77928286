import { describe, expect, it } from '@jest/globals'
import { eachDay } from '../src/dates.js'
import { evaluate, type EvaluationConfig } from '../src/gate/evaluate.js'
import { breachesMaxDrop, dropOf, trendOf, type DailyScore } from '../src/gate/trends.js'
import { parseConfig } from '../src/inputs.js'
import type { Collection } from '../src/records/collection.js'
import { RecordStore } from '../src/records/record-store.js'
import type { ScoreRecord } from '../src/records/score-record.js'
import { axisLabels, CHART_ACCOUNTS, COLOURS, renderTrendChart, THRESHOLD_COLOUR } from '../src/report/chart.js'
import { checkTitle, commentMarker, conclusionOf, fitText, runContextOf } from '../src/report/github.js'
import { publicConfig } from '../src/report/report-file.js'
import type { ReportConfig } from '../src/report/summary.js'

/** Trends, the chart, max-drop and the GitHub report's pure parts: plain values, no mocks. */

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
const scores = (...values: number[]): DailyScore[] => values.map((value, index) => ({ date: `2025-06-${String(index + 1).padStart(2, '0')}`, score: value }))

interface Chart {
  labels: string[]
  lines: { name: string; values: number[] }[]
  palette: string[]
  init: { xyChart?: { showLegend?: boolean } }
  legend: string
}

/** The chart in `markdown`, parsed back. */
function parseChart(markdown: string): Chart {
  const [, block = '', legend = ''] = /```mermaid\n([^]*?)\n```\n\n(.*)\n/.exec(markdown) ?? []
  const list = (text: string): string[] => text.split(',').map((item) => item.trim())
  const init = JSON.parse(/^%%\{init: (.*)\}%%$/m.exec(block)?.[1] ?? '{}') as Chart['init'] & { themeVariables: { xyChart: { plotColorPalette: string } } }
  const lines = [...block.matchAll(/^ {4}line "(.*)" \[(.*)\]$/gm)].map(([, name = '', values = '']) => ({ name, values: list(values).map(Number) }))
  expect(block).toContain('\nxychart-beta\n')
  expect(block).toContain('\n    y-axis "Score" 1 --> 5\n')
  const labels = JSON.parse(`[${/^ {4}x-axis \[(.*)\]$/m.exec(block)?.[1] ?? ''}]`) as string[]
  return { labels, lines, palette: list(init.themeVariables.xyChart.plotColorPalette), init, legend }
}

function chartOf(records: ScoreRecord[], overrides: Partial<Settings> = {}): Chart {
  const { evaluation, config } = check(records, overrides)
  return parseChart(renderTrendChart(evaluation.accounts, config))
}

describe('trendOf', () => {
  it('fits a line through every scored day: one high day at the end does not make a falling account rise', () => {
    expect(trendOf(scores(5, 4, 3, 2, 1, 1, 4))?.direction).toBe('down')
    expect(trendOf(scores(2, 3, 3, 4, 5))).toEqual({ direction: 'up', change: 2.8, lowest: 2, highest: 5 })
  })

  it('is flat only when every score is the same, and varies when it moves without a direction', () => {
    expect(trendOf(scores(4, 5, 4, 5, 4, 5, 4))).toEqual({ direction: 'varies', change: 0, lowest: 4, highest: 5 })
    expect(trendOf(scores(4, 4, 4))?.direction).toBe('flat')
    expect(trendOf(scores(4, 4.2, 4))?.direction).toBe('varies')
  })

  it('counts days by date, so a gap weighs as the days it spans', () => {
    // By position the line would fall 2; by date it falls 0.54 a day over 4 days.
    expect(trendOf([day(0, 4), day(1, 4), day(4, 2)])?.change).toBe(-2.15)
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
    expect([...evaluation.breaches]).toEqual([{ account: 'falling', date: DAYS[4], metric: 'drop', value: 1, threshold: 1, best: day(1, 5) }])
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
})

describe('the trend chart', () => {
  it('draws accounts in breach, then falling ones by their drop, the worst last so that it lies on top', () => {
    const records = [
      ...account('healthy-flat', 5, 5, 5, 5, 5),
      ...account('healthy-wavy', 4, 5, 4, 5, 4),
      ...account('falling-far', 5, 5, 4, 4, 3),
      ...account('falling-near', 5, 5, 5, 4, 4),
      ...account('worst', 4, 4, 2, 1, 1),
      ...account('bad', 4, 4, 4, 2, 2)
    ]
    const chart = chartOf(records, { minScore: 3 })
    expect(chart.lines.map((line) => line.name)).toEqual(['min-score', 'falling-near', 'falling-far', 'bad', 'worst'])
    expect(chart.lines[0]?.values).toEqual([3, 3, 3, 3, 3])
    expect(chart.lines.at(-1)?.values).toEqual([4, 4, 2, 1, 1])
    expect(chart.legend).toBe('🔴 worst · 🟠 bad · 🟡 falling-far · 🟢 falling-near · 🩶 min-score 3. Not drawn: 2 accounts at or above threshold and not falling; the table below has every account.')
  })

  it('gives each line the colour its legend shows, the threshold’s first', () => {
    const chart = chartOf([...account('a', 4, 4, 2, 2, 2), ...account('b', 4, 4, 4, 2, 2)], { minScore: 3 })
    expect(chart.palette).toEqual([THRESHOLD_COLOUR[0], COLOURS[1][0], COLOURS[0][0]])
    expect(chart.legend.startsWith(`${COLOURS[0][1]} a · ${COLOURS[1][1]} b · ${THRESHOLD_COLOUR[1]} min-score 3.`)).toBe(true)
  })

  it('keeps to the accounts that matter most and counts the rest, leaving out those never scored', () => {
    const breaching = Array.from({ length: 12 }, (_, index) => account(`acct-${String(index).padStart(2, '0')}`, 5, 5, 5, 5, 1 + (index % 2))).flat()
    const chart = chartOf([...breaching, ...account('never', undefined, undefined, undefined, undefined, undefined)], { minScore: 3 })
    expect(chart.lines).toHaveLength(CHART_ACCOUNTS + 1)
    expect(chart.lines.slice(1).map((line) => line.values.at(-1))).toEqual([2, 2, 2, 1, 1, 1, 1, 1, 1])
    expect(chart.legend).toContain('Not drawn: 3 more accounts in breach, at risk or falling;')
  })

  it('draws no account with a day without a score: the chart cannot show a gap, and a made-up value would read as a score', () => {
    const chart = chartOf([...account('gapped', 2, undefined, 2, 2, 2), ...account('whole', 4, 4, 4, 2, 2)], { minScore: 3 })
    expect(chart.lines.map((line) => line.name)).toEqual(['min-score', 'whole'])
    expect(chart.legend).toContain('1 account without a score on some days (a line cannot show the gap)')
  })

  it('is left out for a single day or when nothing is worth drawing', () => {
    const oneDay = check(account('a', 1), { to: DAYS[0], minScore: 3 })
    expect(renderTrendChart(oneDay.evaluation.accounts, oneDay.config)).toBe('')
    const steady = check([...account('a', 4, 4, 4, 4, 4), ...account('b', 4, 5, 4, 5, 5)], { minScore: 3 })
    expect(renderTrendChart(steady.evaluation.accounts, steady.config)).toBe('')
  })

  it('turns Mermaid’s own legend off, so that there is one legend', () => {
    expect(chartOf(account('a', 4, 4, 2, 2, 2), { minScore: 3 }).init.xyChart?.showLegend).toBe(false)
  })

  it('labels at most 7 days, the latest always, and gives every other day a label that stays distinct after trimming', () => {
    for (const count of [2, 7, 14, 30, 90]) {
      const days = eachDay('2026-09-01', '2026-12-31').slice(0, count)
      const labels = axisLabels(days)
      const shown = labels.filter((label) => label.trim().replace(/\u200b/g, '') !== '')
      expect(labels).toHaveLength(count)
      expect(new Set(labels.map((label) => label.trim())).size).toBe(count)
      expect(shown.length).toBeLessThanOrEqual(7)
      expect(labels.at(-1)).toBe(days.at(-1)?.slice(5))
    }
    expect(axisLabels(DAYS)).toEqual(['06-01', '06-02', '06-03', '06-04', '06-05'])
  })

  it('uses colours with a contrast of at least 3:1 on GitHub’s light and dark backgrounds', () => {
    const luminance = (hex: string): number => {
      const [r, g, b] = [1, 3, 5].map((start) => Number.parseInt(hex.slice(start, start + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
      return 0.2126 * (r as number) + 0.7152 * (g as number) + 0.0722 * (b as number)
    }
    const contrast = (a: string, b: string): number => {
      const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]
      return (high + 0.05) / (low + 0.05)
    }
    for (const [colour] of [...COLOURS, THRESHOLD_COLOUR]) {
      expect(contrast(colour, '#ffffff')).toBeGreaterThanOrEqual(3)
      expect(contrast(colour, '#0d1117')).toBeGreaterThanOrEqual(3)
    }
    expect(new Set([...COLOURS, THRESHOLD_COLOUR].map(([, emoji]) => emoji)).size).toBe(CHART_ACCOUNTS + 1)
  })

  it('keeps quotes, backticks and line breaks in names from breaking the chart', () => {
    expect(chartOf(account('say "hi"`\nnow', 4, 4, 2, 2, 2), { minScore: 3 }).lines[1]?.name).toBe("say 'hi'' now")
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
    expect(checkTitle({ result: 'passed', lowestScore: 4, breaches: [], atRisk: 0 })).toBe('Passed · lowest score 4')
    expect(checkTitle({ result: 'passed', lowestScore: 3.5, breaches: [], atRisk: 2 })).toBe('Passed · lowest score 3.5 · 2 at risk')
    expect(checkTitle({ result: 'pending', lowestScore: undefined, breaches: [], atRisk: 0 })).toBe('Still pending · no score')
    const { evaluation } = check([...account('a', 2, 1)], { to: DAYS[1], minScore: 3 })
    expect(checkTitle(evaluation)).toBe('Failed · lowest score 1 · 2 breaches')
  })

  it('takes the pull request head from the event, else GITHUB_SHA', () => {
    const env = { GITHUB_REPOSITORY: 'octo/mail', GITHUB_SHA: 'merge', GITHUB_EVENT_NAME: 'pull_request' }
    expect(runContextOf(env, { pull_request: { number: 5, head: { sha: 'head' } } })).toEqual({ owner: 'octo', repo: 'mail', eventName: 'pull_request', sha: 'head', pullRequest: 5 })
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

describe('the chart beside per-account thresholds', () => {
  it('says its line is min-score, not the threshold of an account with its own', () => {
    const rule = { line: 1, pattern: 'strict', minScore: 5, minMetricScores: {} }
    const chart = chartOf([...account('strict', 5, 5, 4, 4, 4), ...account('plain', 4, 4, 2, 2, 2)], { minScore: 3, accountThresholds: [rule] } as Partial<Settings>)
    expect(chart.lines.map((line) => line.name)).toEqual(['min-score', 'strict', 'plain'])
    expect(chart.legend).toContain('🩶 min-score 3; accounts marked † in the table have thresholds of their own.')
  })
})
