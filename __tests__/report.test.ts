import { describe, expect, it, jest } from '@jest/globals'
import { addDays, eachDay } from '../src/dates.js'
import { AccountVerdict, evaluate, type Breach, type Evaluation, type EvaluationConfig } from '../src/gate/evaluate.js'
import { failedSubject, type Collection, type Failure } from '../src/records/collection.js'
import { RecordStore } from '../src/records/record-store.js'
import type { Metrics, ScoreRecord } from '../src/records/score-record.js'
import { ADVICE } from '../src/report/advice.js'
import { FIX_ACCOUNTS } from '../src/report/fixes.js'
import { boundedJsonArray, eachOutput, OUTPUT_LIMIT_BYTES, type Outputs } from '../src/report/outputs.js'
import { JOB_SUMMARY_LIMIT, MARKDOWN_OUTPUT_LIMIT, renderSummary, Summary, type ReportConfig } from '../src/report/summary.js'
import { describeBreach, verdictLine } from '../src/report/verdict.js'
import { render, visibleText } from './support/markdown.js'
import { failure, metrics, rec } from './support/records.js'

/** The report as Markdown: pure functions on plain values, no mocks. */

const D1 = '2025-06-01'
const D2 = '2025-06-02'
const D3 = '2025-06-03'

type Settings = EvaluationConfig & ReportConfig

function settings(overrides: Partial<Settings> = {}): Settings {
  return { subusers: 'all', from: D1, to: D3, minScore: 3, minMetricScores: {}, evaluate: 'all', missingScores: 'warn', failOnBreach: true, ...overrides }
}

function run(records: ScoreRecord[], failures: Failure[] = [], overrides: Partial<Settings> = {}, parentAccount?: string) {
  const config = settings(overrides)
  const collection: Collection = { records: RecordStore.of(records), failures, parentAccount }
  return { config, collection, evaluation: evaluate(collection, config) }
}

/**
 * One record per day from D1 for `scores` (undefined: no score that day); each metric equals the
 * day's score, as in a real account where one metric rarely stands apart, but those `daily` sets.
 */
function days(account: string, scores: (number | undefined)[], daily?: (index: number) => Partial<Metrics>): ScoreRecord[] {
  return scores.map((score, index) => {
    const same = { engagement_recency: score, open_rate: score, bounce_classification: score, bounce_rate: score, spam_rate: score }
    return rec(account, addDays(D1, index), score, score === undefined ? undefined : { ...same, ...daily?.(index) })
  })
}

function summaryOf(records: ScoreRecord[], overrides: Partial<Settings> = {}, failures: Failure[] = []): string {
  const { evaluation, config } = run(records, failures, overrides)
  return renderSummary(evaluation, config).markdown
}

/** The cells of a Markdown table line, split on unescaped pipes. */
function cells(line: string): string[] {
  return line.trim().replace(/^\|/, '').replace(/(?<!\\)\|$/, '').split(/(?<!\\)\|/).map((cell) => cell.trim())
}

/** The rows of the first table after `### heading`, as cells, header first. */
function tableAfter(markdown: string, heading: string): string[][] {
  const section = markdown.slice(markdown.indexOf(`### ${heading}\n`))
  const lines = section.split('\n')
  const start = lines.findIndex((line) => line.startsWith('|'))
  const end = lines.findIndex((line, index) => index > start && !line.startsWith('|'))
  return lines.slice(start, end).filter((_, index) => index !== 1).map(cells)
}

/** The table lines that a reader sees without unfolding anything. */
function visibleTableRows(markdown: string): string[] {
  const outside = markdown.replace(/<details>[^]*?<\/details>/g, '')
  return outside.split('\n').filter((line) => line.startsWith('|') && !/^\|( -+:? \|)+$/.test(line) && !line.startsWith('| Status |'))
}

const SPAM = (index: number): Partial<Metrics> => (index >= 1 ? { spam_rate: 1 } : {})

describe('the report, from the top', () => {
  const records = [
    ...days('newsletters', [4, 2, 2], (index) => (index >= 1 ? { spam_rate: 1, open_rate: 3 } : {})),
    ...days('cold', [undefined, undefined, undefined]),
    ...days('acme', [4, 4, 4]),
    ...days('steady', [5, 5, 5])
  ]
  const failures = [failure({ account: 'gone', message: 'SendGrid answered 403' })]
  const markdown = summaryOf(records, { minMetricScores: { spam_rate: 3 } }, failures)

  it('puts the verdict first, then what was checked, what to fix, what was not checked, missing scores, the chart, the accounts and their days', () => {
    const order = [
      '## ❌ SendGrid engagement quality failed:',
      'Checked **2025-06-01 to 2025-06-03** (UTC) · evaluating every day · score ≥ **3** · spam rate ≥ 3 · missing scores: warn',
      '### What to fix',
      '### Not checked',
      '### Missing scores',
      '```mermaid',
      '### Accounts',
      '### Daily scores'
    ].map((text) => markdown.indexOf(text))
    expect(order.every((position) => position >= 0)).toBe(true)
    expect(order).toEqual([...order].sort((a, b) => a - b))
    expect(markdown.startsWith(order[0] === 0 ? '## ❌' : 'nothing')).toBe(true)
  })

  it('counts each kind of breach apart in the verdict, with days and accounts', () => {
    expect(verdictLine(run(records, failures, { minMetricScores: { spam_rate: 3 } }).evaluation, settings())).toBe(
      'SendGrid engagement quality failed: 1 of 5 accounts below threshold: score on 2 days in 1 account, spam rate on 2 days in 1 account; 1 account not read; lowest score 2'
    )
  })

  it('names each account in breach with the metric that fails, its value, threshold and days, and that metric’s advice', () => {
    const fixes = markdown.slice(markdown.indexOf('### What to fix'), markdown.indexOf('### Not checked'))
    expect(fixes).toContain('1. **newsletters**: spam rate **1** (min 3) and score **2** (min 3) from 2025-06-02 to 2025-06-03, 2 of 3 days.\n')
    expect(fixes).toContain(`   - Spam rate: ${ADVICE.spam_rate.join(' ')}\n`)
    expect(fixes).not.toContain(ADVICE.score[0])
  })

  it('has one table row per account, worst first, with the latest and lowest scores, each metric’s lowest value, and the days', () => {
    const [header, ...rows] = tableAfter(markdown, 'Accounts')
    expect(header).toEqual(['Status', 'Account', 'Latest', 'Lowest', 'Recency', 'Opens', 'Blocks', 'Bounces', 'Spam', 'Daily · trend'])
    expect(rows.map((row) => row[1])).toEqual(['newsletters', 'gone', 'cold', 'acme', 'steady'])
    expect(rows[0]).toEqual(['❌ 2 of 3 days', 'newsletters', '**2**', '**2**\u00a006-03', '2', '3', '2', '2', '**1** ❌', '↘\u00a0`▆▃▃`'])
    expect(rows[1]).toEqual(['⚠️ not read', 'gone', '–', '–', '–', '–', '–', '–', '–', '–'])
    expect(rows[2]?.slice(0, 3)).toEqual(['⚠️ no score', 'cold', '–'])
    expect(rows[2]?.[9]).toBe('`···`')
    expect(rows[4]).toEqual(['✅', 'steady', '5', '5\u00a006-03', '5', '5', '5', '5', '5', '→\u00a0`███`'])
  })

  it('folds each account’s days: one block per account in breach or missing a day, one for the rest', () => {
    const daily = markdown.slice(markdown.indexOf('### Daily scores'))
    expect([...daily.matchAll(/<details><summary>(.*)<\/summary>/g)].map((match) => match[1])).toEqual([
      'newsletters: 2 of 3 days below threshold',
      'cold: no score on 3 of 3 days',
      'The other 2 accounts'
    ])
    expect(daily).toContain('| 2025-06-02 | **2** ❌ | 2 | 3 | 2 | 2 | **1** ❌ | ❌ |')
    expect(daily).toContain('| steady | 2025-06-03 | 5 | 5 | 5 | 5 | 5 | 5 | ✅ |')
  })

  it('names the one other account rather than counting it', () => {
    const daily = summaryOf([...days('newsletters', [4, 2, 2]), ...days('steady', [5, 5, 5])]).split('### Daily scores')[1] ?? ''
    expect([...daily.matchAll(/<details><summary>(.*)<\/summary>/g)].map((match) => match[1])).toEqual(['newsletters: 2 of 3 days below threshold', 'steady'])
    expect(daily).toContain('<summary>steady</summary>\n\n| Date | Score |')
    expect(daily).toContain('| 2025-06-03 | 5 | 5 | 5 | 5 | 5 | 5 | ✅ |')
  })
})

describe('dates a reader can find and copy', () => {
  const records = [...days('newsletters', [4, 2, 2]), ...days('gap', [4, undefined, 4]), ...days('fine', [5, 5, 5])]
  const listingDay = failure({ date: D1, cause: { endpoint: 'listing', status: 500 } })
  const markdown = summaryOf(records, {}, [listingDay])
  /** The visible text of a section, rendered as GitHub renders it. */
  const rendered = (from: string, to?: string): string => visibleText(render(markdown.slice(markdown.indexOf(from), to === undefined ? undefined : markdown.indexOf(to))))

  it('writes full dates in plain ASCII, nowhere with non-breaking hyphens', () => {
    expect(markdown).not.toContain('\u2011')
    expect(rendered('## ')).toContain(`Checked ${D1} to ${D3} (UTC)`)
    expect(rendered('### What to fix', '### Not checked')).toContain(`score 2 (min 3, lowest metric: engagement recency 2) from ${D2} to ${D3}, 2 of 3 days.`)
    expect(rendered('### Not checked', '### Missing scores')).toContain(`every subuser on ${D1} (error): SendGrid answered 500`)
    expect(rendered('### Missing scores', '```mermaid')).toContain(`gap: no score on ${D2}`)
    expect(rendered('### Accounts', '### Daily scores')).toContain(`its date when before ${D3}`)
  })

  it('dates each row of the daily tables in full, and the table’s latest and lowest scores by MM-DD kept beside their value', () => {
    const html = render(markdown.slice(markdown.indexOf('### Daily scores')))
    const firstCells = [...html.matchAll(/<tr>\s*<td>([^<]*)<\/td>/g)].map((match) => match[1])
    expect(firstCells.slice(0, 3)).toEqual([D1, D2, D3])
    expect(visibleText(html)).toContain(D2)
    const [, newsletters] = tableAfter(markdown, 'Accounts')
    expect(newsletters?.[3]).toBe(`**2**\u00a0${D3.slice(5)}`)
    const cell = /<td>([^]*?)<\/td>/.exec(render(`| Lowest |\n| - |\n| ${newsletters?.[3]} |`))?.[1] ?? ''
    expect(visibleText(cell)).toBe('2\u00a006-03')
  })
})

describe('what to fix', () => {
  it('names the lowest metric of the day for a score in breach, and gives that metric’s advice instead of generic advice', () => {
    const markdown = summaryOf(days('promo', [4, 4, 2], (index) => (index === 2 ? { open_rate: 1, spam_rate: 2 } : {})))
    expect(markdown).toContain('1. **promo**: score **2** (min 3, lowest metric: open rate 1) on 2025-06-03.\n')
    expect(markdown).toContain(`   - Open rate: ${ADVICE.open_rate.join(' ')}\n`)
  })

  it('falls back to the score’s own advice when SendGrid sent no metrics', () => {
    const markdown = summaryOf([rec('bare', D1, 2), rec('bare', D2, 4), rec('bare', D3, 4)])
    expect(markdown).toContain('1. **bare**: score **2** (min 3) on 2025-06-01.\n')
    expect(markdown).toContain(`   - Score: ${ADVICE.score.join(' ')}\n`)
  })

  it('says "as low as" only when the values in breach differ, and how many days when they are not in a row', () => {
    const to = addDays(D1, 5)
    const markdown = summaryOf([...days('up-down', [2, 4, 1, 4, 2, 2]), ...days('even', [2, 2, 4, 4, 4, 4])], { to })
    expect(markdown).toContain('**up-down**: score as low as **1** (min 3, lowest metric: engagement recency 1) on 4 of 6 days between 2025-06-01 and 2025-06-06.')
    expect(markdown).toContain('**even**: score **2** (min 3, lowest metric: engagement recency 2) from 2025-06-01 to 2025-06-02, 2 of 6 days.')
  })

  it('gives each metric’s advice in full once, then points to the account where it stands', () => {
    const markdown = summaryOf([...days('a', [2, 2, 2], SPAM), ...days('b', [4, 2, 2], SPAM)], { minMetricScores: { spam_rate: 3 } })
    expect(markdown.split(ADVICE.spam_rate[0] as string)).toHaveLength(2)
    expect(markdown).toContain('   - Spam rate: as for a above.')
  })

  it('lists at most 20 accounts, worst first, and counts the rest', () => {
    const records = Array.from({ length: 25 }, (_, index) => rec(`acct-${String(index).padStart(2, '0')}`, D1, index < 5 ? 1 : 2, {}))
    const markdown = summaryOf(records, { to: D1 })
    const entries = markdown.split('\n').filter((line) => /^\d+\. \*\*/.test(line))
    expect(entries).toHaveLength(FIX_ACCOUNTS)
    expect(entries[0]).toMatch(/^1\. \*\*acct-00\*\*: score \*\*1\*\*/)
    expect(markdown).toContain('_…and 5 more accounts below threshold; the table below lists every account._')
  })

  it('describes a drop from the best day and the metric that fell most', () => {
    const markdown = summaryOf(days('falling', [5, 4, 3], (index) => (index === 2 ? { bounce_rate: 2, spam_rate: 4 } : {})), { maxDrop: 2, minScore: 1 })
    expect(markdown).toContain('1. **falling**: score fell **2** to 3 on 2025-06-03 from its best of 5 on 2025-06-01 (max-drop 2); bounce rate fell most, from 5 to 2.')
    expect(markdown).toContain(`   - Bounce rate: ${ADVICE.bounce_rate.join(' ')}`)
  })

  it('speaks of the latest day or the average under those modes', () => {
    expect(summaryOf(days('late', [4, 4, 2]), { evaluate: 'latest' })).toContain('**late**: score **2** (min 3, lowest metric: engagement recency 2) on 2025-06-03, its latest scored day.')
    expect(summaryOf(days('avg', [2, 2, 4]), { evaluate: 'average' })).toContain('**avg**: average score **2.67** (min 3, lowest metric: engagement recency 2.67) over 2025-06-01 to 2025-06-03.')
  })

  it('is left out when nothing breaches', () => {
    expect(summaryOf(days('fine', [4, 4, 4]))).not.toContain('### What to fix')
  })
})

describe('the verdict', () => {
  const verdict = (records: ScoreRecord[], overrides: Partial<Settings> = {}, failures: Failure[] = []): string =>
    verdictLine(run(records, failures, overrides).evaluation, settings(overrides))

  it('passes with the account count and lowest score', () => {
    expect(verdict([rec('a', D1, 4), rec('b', D1, 3.5)], { to: D1 })).toBe('SendGrid engagement quality passed: 2 accounts at or above threshold, lowest score 3.5')
  })

  it('counts days per metric under all, and accounts under latest and average', () => {
    const records = [...days('a', [2, 2, 4], SPAM), ...days('b', [4, 4, 2], SPAM), ...days('c', [4, 4, 4])]
    const thresholds = { minMetricScores: { spam_rate: 3 } }
    expect(verdict(records, thresholds)).toBe(
      'SendGrid engagement quality failed: 2 of 3 accounts below threshold: score on 3 days in 2 accounts, spam rate on 5 days in 2 accounts; lowest score 2'
    )
    expect(verdict(records, { ...thresholds, evaluate: 'latest' })).toBe(
      'SendGrid engagement quality failed: 2 of 3 accounts below threshold: score in 1 account, spam rate in 2 accounts; lowest score 2'
    )
    expect(verdict(records, { ...thresholds, evaluate: 'average' })).toBe(
      'SendGrid engagement quality failed: 2 of 3 accounts below threshold: average score in 1 account, average spam rate in 2 accounts; lowest score 2.67'
    )
  })

  it('counts drops apart from scores below threshold', () => {
    expect(verdict([...days('a', [5, 5, 3]), ...days('b', [2, 4, 4])], { maxDrop: 2 })).toBe(
      'SendGrid engagement quality failed: 1 of 2 accounts below threshold: score on 1 day in 1 account; 1 of 2 accounts fell 2 or more below its best score; lowest score 2'
    )
  })

  it('fails on missing scores alone under missing-scores: fail, counting days and accounts', () => {
    expect(verdict([...days('a', [undefined, 4, undefined]), ...days('b', [4, 4, 4])], { missingScores: 'fail' })).toBe(
      'SendGrid engagement quality failed: no score on 2 days in 1 of 2 accounts; lowest score 4'
    )
  })

  it('names missing scores beside breaches when missing-scores fails the run', () => {
    const records = [...days('a', [2, 4, 4]), ...days('b', [undefined, 4, 4])]
    expect(verdict(records, { missingScores: 'fail' })).toBe(
      'SendGrid engagement quality failed: 1 of 2 accounts below threshold: score on 1 day in 1 account; no score on 1 day in 1 of 2 accounts; lowest score 2'
    )
    expect(verdict(records, { missingScores: 'warn' })).toBe('SendGrid engagement quality failed: 1 of 2 accounts below threshold: score on 1 day in 1 account; lowest score 2')
  })

  it('names what a failure kept from being read: the account, every subuser on a day of the listing, or the listed subusers that day hid', () => {
    const listingDay = (listed?: string[]): Failure => failure({ date: D1, listed, cause: { endpoint: 'listing', status: 500 } })
    expect(failedSubject(failure({ account: 'promo' }))).toBe('promo')
    expect(failedSubject(listingDay())).toBe(`every subuser on ${D1}`)
    expect(failedSubject(listingDay(['promo']))).toBe(`promo on ${D1}`)
    expect(failedSubject(listingDay(['promo', 'receipts']))).toBe(`promo and receipts on ${D1}`)
    expect(failedSubject(listingDay(['promo', 'receipts', 'welcome']))).toBe(`promo, receipts and welcome on ${D1}`)
    expect(failedSubject(listingDay(['promo', 'receipts', 'welcome', 'alerts']))).toBe(`promo, receipts, welcome and 1 other listed subuser on ${D1}`)
    expect(failedSubject(listingDay(['promo', 'receipts', 'welcome', 'alerts', 'news']))).toBe(`promo, receipts, welcome and 2 other listed subusers on ${D1}`)
    expect(failedSubject(listingDay([]))).toBe(`the subuser listing on ${D1}`)
    expect(summaryOf([], {}, [listingDay(['promo', 'receipts'])])).toContain(`- **promo and receipts on ${D1}** (error): SendGrid answered 500`)
  })

  it('tells accounts not read from listing days not read', () => {
    const failures = [failure({ account: 'x' }), failure({ date: D1 }), failure({ date: D2 })]
    expect(verdict([], { subusers: ['x'] }, failures)).toBe(
      'SendGrid engagement quality could not be checked: 1 account not read; the subuser listing not read on 2 days'
    )
    expect(verdict([], { subusers: ['x'] }, [failure({ account: 'x', outcome: 'pending' })])).toBe(
      'SendGrid engagement quality still pending: SendGrid had not finished computing scores (1 account not read)'
    )
  })
})

describe('the per-account table', () => {
  it('marks the key’s own account as the parent', () => {
    const { evaluation, config } = run([...days('acme', [4, 4, 4]), ...days('sub', [4, 4, 4])], [], {}, 'acme')
    const rows = tableAfter(renderSummary(evaluation, config).markdown, 'Accounts').slice(1)
    expect(rows.map((row) => row[1])).toEqual(['acme\u00a0_(parent)_', 'sub'])
  })

  it('shows a gap in the daily line for a day without a score, and the trend from every day', () => {
    const to = addDays(D1, 6)
    const rows = tableAfter(summaryOf(days('wavy', [4, 5, 4, 5, 4, 5, 4]), { to }), 'Accounts').slice(1)
    expect(rows[0]?.[9]).toBe('↕\u00a0`▆█▆█▆█▆`')
    const gapped = tableAfter(summaryOf(days('gap', [4, undefined, 3]), { missingScores: 'ignore' }), 'Accounts').slice(1)
    expect(gapped[0]?.[9]).toBe('↘\u00a0`▆·▅`')
  })

  it('holds at most 14 daily cells whatever the range, each the lowest score of its days, the latest cell a whole one', () => {
    const dailyCell = (scores: (number | undefined)[]): string | undefined =>
      tableAfter(summaryOf(days('a', scores), { to: addDays(D1, scores.length - 1), missingScores: 'ignore' }), 'Accounts')[1]?.[9]?.replace(/^.\u00a0/, '')
    const fives = (count: number): number[] => Array.from({ length: count }, () => 5)
    expect(dailyCell([...fives(13), 1])).toBe('`█████████████▁`')
    // 30 days, 3 a cell: the 1 on the third day and the three days without a score end up in a cell each.
    expect(dailyCell([5, 5, 1, ...fives(24), undefined, undefined, undefined])).toBe('`▁████████·`')
    // 15 days, 2 a cell: the oldest cell holds the first day alone, the latest the last two.
    expect(dailyCell([1, ...fives(13), 3])).toBe('`▁██████▅`')
    expect(dailyCell(fives(90))).toBe(`\`${'█'.repeat(13)}\``)
  })

  it('says in the note how many days a bar stands for', () => {
    const legendOf = (count: number): string => {
      const markdown = summaryOf(days('a', Array.from({ length: count }, () => 4)), { to: addDays(D1, count - 1) })
      return markdown.slice(markdown.indexOf('Daily · trend: '), markdown.indexOf('\n', markdown.indexOf('Daily · trend: ')))
    }
    expect(legendOf(14)).toContain('then one bar per day, higher for a higher score, · without one.')
    expect(legendOf(30)).toContain('then one bar per 3 days, the lowest of their scores, higher for a higher score')
    expect(legendOf(15)).toContain('then one bar per 2 days (the oldest bar: 1 day), the lowest of their scores')
  })

  it('shows the judged values under latest and average, with no daily column for one day', () => {
    const records = days('a', [2, 4, 3], (index) => ({ spam_rate: [1, 4, 3][index] }))
    const latest = tableAfter(summaryOf(records, { evaluate: 'latest', minMetricScores: { spam_rate: 2 } }), 'Accounts')
    expect(latest[1]?.slice(0, 9)).toEqual(['✅', 'a', '3', '2\u00a006-01', '3', '3', '3', '3', '3'])
    const average = tableAfter(summaryOf(records, { evaluate: 'average' }), 'Accounts')
    expect(average[0]?.[2]).toBe('Average')
    expect(average[1]?.slice(0, 4)).toEqual(['✅', 'a', '3', '2\u00a006-01'])
    const oneDay = tableAfter(summaryOf([rec('a', D1, 4, {})], { to: D1 }), 'Accounts')
    expect(oneDay[0]).not.toContain('Daily · trend')
  })

  it('has no per-day detail under latest and average: the table is the whole judgement', () => {
    expect(summaryOf(days('a', [2, 4, 4]), { evaluate: 'latest' })).not.toContain('<details>')
  })

  it('shows one row per account before anything is unfolded, whatever the number of days', () => {
    const to = addDays(D1, 13)
    const records = Array.from({ length: 50 }, (_, index) => days(`acct-${index}`, eachDay(D1, to).map((_, day) => (index < 5 && day > 10 ? 2 : 4)))).flat()
    const markdown = summaryOf(records, { to })
    expect(visibleTableRows(markdown)).toHaveLength(50)
    expect(markdown.match(/<details>/g)).toHaveLength(6)
  })
})

describe('limits', () => {
  /** `accounts` accounts over `dayCount` days, every tenth in breach on its last day. */
  function many(accounts: number, dayCount: number): { records: ScoreRecord[]; to: string } {
    const to = addDays(D1, dayCount - 1)
    const records = Array.from({ length: accounts }, (_, index) =>
      days(`account-${String(index).padStart(5, '0')}`, eachDay(D1, to).map((_, day) => (index % 10 === 0 && day === dayCount - 1 ? 2 : 4)))
    ).flat()
    return { records, to }
  }

  it('keeps the verdict, What to fix, the whole table of 300 accounts and the chart within the markdown output’s limit, then as many days as fit', () => {
    const { records, to } = many(300, 30)
    const { evaluation, config } = run(records, [], { to })
    const { markdown, omittedAccounts } = renderSummary(evaluation, config, MARKDOWN_OUTPUT_LIMIT)
    expect(markdown.length).toBeLessThanOrEqual(MARKDOWN_OUTPUT_LIMIT.max)
    expect(omittedAccounts).toBe(0)
    expect(tableAfter(markdown, 'Accounts').slice(1)).toHaveLength(300)
    expect(markdown).toContain('### What to fix')
    expect(markdown).toContain('```mermaid')
    expect(markdown).toMatch(/_Daily scores of \d+ more blocks? left out to stay within GitHub's size limit; the `report-file` output has every record\._/)
    // 30 accounts in breach, a block each, and one block for the other 270: those left out are counted without being made.
    const leftOut = Number(/_Daily scores of (\d+) more block/.exec(markdown)?.[1])
    expect((markdown.match(/<details>/g) ?? []).length + leftOut).toBe(31)
  })

  it('leaves out the chart before the table, and the table’s last rows before What to fix, saying so', () => {
    const { records, to } = many(700, 30)
    const { evaluation, config } = run(records, [], { to })
    const { markdown, omittedAccounts } = renderSummary(evaluation, config, MARKDOWN_OUTPUT_LIMIT)
    expect(markdown.length).toBeLessThanOrEqual(MARKDOWN_OUTPUT_LIMIT.max)
    expect(markdown).toContain('### What to fix')
    expect(omittedAccounts).toBeGreaterThan(0)
    expect(markdown).toContain(`_${omittedAccounts} more accounts not shown to stay within GitHub's size limit;`)
    expect(markdown).toContain("_The chart is left out to stay within GitHub's size limit;")
    const shown = tableAfter(markdown, 'Accounts').slice(1).map((row) => row[1])
    expect(shown.slice(0, 70).every((name) => Number(name?.slice(-5)) % 10 === 0)).toBe(true)
  })

  it('counts the job summary’s limit in bytes, as GitHub does', () => {
    const { records, to } = many(1000, 2)
    const { evaluation, config } = run(records, [], { to })
    const limit = { ...JOB_SUMMARY_LIMIT, max: 50_000 }
    const { markdown, omittedAccounts } = renderSummary(evaluation, config, limit)
    expect(Buffer.byteLength(markdown)).toBeLessThanOrEqual(50_000)
    expect(Buffer.byteLength(markdown)).toBeGreaterThan(markdown.length)
    expect(omittedAccounts).toBeGreaterThan(0)
    expect(markdown.startsWith('## ❌ SendGrid engagement quality failed: 100 of 1000 accounts below threshold')).toBe(true)
    expect(JOB_SUMMARY_LIMIT.max).toBe(1_000_000)
  })

  it('fits one rendering into the markdown output and the job summary, judging no account twice', () => {
    const { records, to } = many(700, 30)
    const { evaluation, config } = run(records, [], { to })
    const judged = jest.spyOn(AccountVerdict.prototype, 'rows')
    try {
      const alone = renderSummary(evaluation, config, JOB_SUMMARY_LIMIT).markdown
      const once = judged.mock.calls.length
      judged.mockClear()
      const report = new Summary(evaluation, config)
      const small = report.within(MARKDOWN_OUTPUT_LIMIT).markdown
      const large = report.within(JOB_SUMMARY_LIMIT).markdown
      expect(judged.mock.calls.length).toBe(once)
      expect(large).toBe(alone)
      expect(small).toBe(renderSummary(evaluation, config, MARKDOWN_OUTPUT_LIMIT).markdown)
    } finally {
      judged.mockRestore()
    }
  })

  it('cuts a long Not checked list to a quarter of the limit, counting the rest', () => {
    const failures = Array.from({ length: 400 }, (_, index) => failure({ account: `acct-${index}`, message: 'x'.repeat(100) }))
    const { evaluation, config } = run([], failures, { subusers: failures.map((item) => item.account as string) })
    const { markdown } = renderSummary(evaluation, config, { max: 20_000, measure: (text) => text.length })
    const listed = markdown.split('\n').filter((line) => /^- \*\*acct-\d+\*\*/.test(line))
    expect(listed.length).toBeGreaterThan(10)
    expect(listed.length).toBeLessThan(400)
    expect(markdown).toContain(`- _and ${400 - listed.length} more, listed in the \`report-file\` output_`)
  })
})

/** Every output as the Action sets it, and how many entries each list left out. */
function buildOutputs(evaluation: Evaluation, collection: Collection, limitBytes = OUTPUT_LIMIT_BYTES) {
  const outputs: Partial<Outputs> = {}
  const omitted: Record<'failures' | 'missing' | 'scores', number> = { failures: 0, missing: 0, scores: 0 }
  for (const output of eachOutput(evaluation, collection, limitBytes)) {
    outputs[output.name] = output.value
    if (output.omitted !== undefined) omitted[output.name as keyof typeof omitted] = output.omitted
  }
  return { outputs: outputs as Outputs, omitted }
}

describe('the outputs', () => {
  const bytes = (text: string): number => Buffer.byteLength(text, 'utf8')

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
    expect(built.omitted).toEqual({ scores: 0, failures: 0, warnings: 0, missing: 0 })
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
      expect(bytes(outputs[name])).toBeLessThanOrEqual(600)
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
    expect(describeBreach(breach({ metric: 'bounce_classification', value: 3.5, threshold: 4 }))).toBe('newsletters: bounce classification is 3.5 on 2026-11-24, below 4')
  })

  it('describes an average breach over a range', () => {
    expect(describeBreach(breach({ date: '2026-11-01..2026-11-24', metric: 'spam_rate', value: 2.67, threshold: 3 }))).toBe(
      'newsletters: spam rate averages 2.67 over 2026-11-01 to 2026-11-24, below 3'
    )
  })

  it('describes a drop from the best score', () => {
    expect(describeBreach(breach({ date: D3, metric: 'drop', value: 1.5, threshold: 1, best: { date: D1, score: 5 } }))).toBe(
      'newsletters: score fell to 3.5 on 2025-06-03, 1.5 below its best of 5 on 2025-06-01 (max-drop 1)'
    )
  })
})

describe('accounts held to their own thresholds', () => {
  it('are marked in the table, named in the thresholds line, and judged by their own rule under What to fix', () => {
    const rule = { line: 1, pattern: 'transactional', minScore: 5, minMetricScores: {}, warnMetricScores: {} }
    const { evaluation, config } = run([...days('transactional', [4, 4, 4]), ...days('bulk', [4, 4, 4])], [], { accountThresholds: [rule] })
    const { markdown } = renderSummary(evaluation, config)
    expect(tableAfter(markdown, 'Accounts').slice(1).map((row) => row[1])).toEqual(['transactional\u00a0†', 'bulk'])
    expect(markdown).toContain('†: held to its own thresholds (account-thresholds).')
    expect(markdown).toContain('own thresholds for transactional (account-thresholds)')
    expect(markdown).toContain('1. **transactional**: score **4** (min 5, lowest metric: engagement recency 4) from 2025-06-01 to 2025-06-03, every day.')
  })
})
