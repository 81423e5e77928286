import { describe, expect, it } from '@jest/globals'
import { readFile } from 'node:fs/promises'
import { cliWording } from '../src/cli/arguments.js'
import { evaluate, type Evaluation } from '../src/gate/evaluate.js'
import type { AccountExplanation, Explanation, MetricExplanation, Rate } from '../src/gate/explain.js'
import { parseConfig, type Config } from '../src/inputs.js'
import { ACTION_WORDING } from '../src/messages.js'
import type { Collection } from '../src/records/collection.js'
import { RecordStore } from '../src/records/record-store.js'
import type { Metrics, ScoreRecord } from '../src/records/score-record.js'
import type { StatsGap } from '../src/records/stats.js'
import { ADVICE } from '../src/report/advice.js'
import { junitText } from '../src/report/junit.js'
import { outputsDocumentText, reportFileText } from '../src/report/report-file.js'
import { JOB_SUMMARY_LIMIT, MARKDOWN_OUTPUT_LIMIT, renderSummary } from '../src/report/summary.js'
import { renderText } from '../src/report/text.js'
import { COUNTS_BELOW, percent, STATS_ACCESS, statsAccessNotice } from '../src/report/why.js'
import { readJUnit, schemaErrors } from './support/formats.js'
import { render, visibleText } from './support/markdown.js'
import { rec } from './support/records.js'

/**
 * Why a score fell, in every format: hand-made explanations (as the gate makes them) of a real
 * evaluation, rendered as Markdown (read back by micromark's GFM), text, the report file's and the
 * command line's JSON, and JUnit XML (checked against Ant's schema and read back by Python).
 */

const DAYS = ['2026-11-25', '2026-11-26', '2026-11-27']
const WINDOW = { from: '2026-11-26', to: '2026-11-27' }
const BASELINE = { from: '2026-11-19', to: '2026-11-25' }
const KEY = 'SG.why-test-key'

function config(values: Record<string, string> = {}): Config {
  const inputs: Record<string, string> = { 'api-key': KEY, from: DAYS[0] as string, to: DAYS[2] as string, 'min-metric-scores': 'spam_rate=3, engagement_recency=3', ...values }
  return parseConfig((name) => inputs[name] ?? '', '2026-11-28')
}

/** An account whose `metrics` fall to 1 on the window's two days. */
function breaching(account: string, metrics: Partial<Metrics> = { spam_rate: 1 }): ScoreRecord[] {
  return DAYS.map((date, index) => rec(account, date, 4, index === 0 ? {} : metrics))
}

function fine(account: string): ScoreRecord[] {
  return DAYS.map((date) => rec(account, date, 5, {}))
}

function run(records: ScoreRecord[], explanation?: Explanation, values: Record<string, string> = {}): { evaluation: Evaluation; config: Config; collection: Collection } {
  const settings = config(values)
  const collection: Collection = { records: RecordStore.of(records), failures: [] }
  const evaluation = evaluate(collection, settings)
  if (explanation) evaluation.explanation = explanation
  return { evaluation, config: settings, collection }
}

function rate(count: number, of: number): Rate {
  return of === 0 ? { count, of } : { count, of, rate: count / of }
}

const SPAM: MetricExplanation = {
  metric: 'spam_rate',
  nearest: false,
  measures: [{ stat: 'spam_reports', per: 'delivered', window: rate(236, 52_000), baseline: rate(84, 210_000) }],
  providers: [
    { name: 'Gmail', window: rate(41, 7_900), baseline: rate(20, 40_000) },
    { name: 'Yahoo', window: rate(9, 11_000) }
  ],
  categories: [
    { name: 'weekly-deals', window: rate(38, 9_000) },
    { name: 'receipts', window: rate(9, 30_000) }
  ]
}

const SPAM_LINE =
  'Why: spam reports 0.45% of delivered (236 of 52,000) from 2026-11-26 to 2026-11-27, against 0.040% in the 7 days before; ' +
  'by provider: Gmail 0.52% (41 of 7,900; was 0.050%), Yahoo 0.082% (9 of 11,000); by category: weekly-deals 38 of the 236 spam reports, receipts 9.'

function account(name: string, metrics: MetricExplanation[] = [SPAM], gaps: StatsGap[] = []): AccountExplanation {
  return { account: name, window: WINDOW, baseline: BASELINE, metrics, gaps }
}

function explanation(accounts: AccountExplanation[], more: Partial<Explanation> = {}): Explanation {
  return { accounts, notExplained: 0, accessDenied: false, ...more }
}

function gap(part: StatsGap['part'], message: string, reason: StatsGap['reason'] = 'error'): StatsGap {
  return { part, reason, message, cause: reason === 'access' ? { status: 403 } : { status: 500 } }
}

function markdownOf(records: ScoreRecord[], explained: Explanation | undefined): string {
  const { evaluation, config: settings } = run(records, explained)
  return renderSummary(evaluation, settings).markdown
}

function textOf(records: ScoreRecord[], explained: Explanation | undefined): string {
  const { evaluation, config: settings } = run(records, explained)
  return renderText(evaluation, settings, { colour: false, wording: ACTION_WORDING })
}

/** The Why line of `metric` alone, as the text format prints it (no Markdown escapes). */
function whyOf(metric: MetricExplanation, gaps: StatsGap[] = []): string {
  const text = textOf(breaching('promo'), explanation([account('promo', [metric], gaps)]))
  return text.split('\n').find((line) => line.trim().startsWith('Why:'))?.trim() ?? ''
}

describe('the Why line in Markdown', () => {
  const markdown = markdownOf([...breaching('promo'), ...fine('calm')], explanation([account('promo')]))
  const html = render(markdown)

  it('says the stat in the breach days against the days before, the providers and the categories that carry it', () => {
    expect(visibleText(html)).toContain(SPAM_LINE)
  })

  it('stands under the account’s entry, before its advice, inside the list item', () => {
    const item = /<li><strong>promo<\/strong>[\s\S]*?<\/ul>\n<\/li>/.exec(html)?.[0] ?? ''
    const nested = [...item.slice(item.indexOf('<ul>')).matchAll(/<li>([^<]*)/g)].map((match) => match[1])
    expect(nested[0]).toMatch(/^Why: spam reports/)
    expect(nested[1]).toBe(`Spam rate: ${ADVICE.spam_rate.join(' ')}`)
  })

  it('keeps whole ASCII dates a reader can find and copy', () => {
    expect(visibleText(html)).toContain('from 2026-11-26 to 2026-11-27')
    expect(markdown).not.toMatch(/\u2011/)
  })

  it('is the line the README shows', async () => {
    expect(await readFile(new URL('../README.md', import.meta.url), 'utf8')).toContain(`\n> ${SPAM_LINE}\n`)
  })

  it('is absent when nothing was explained', () => {
    expect(markdownOf(breaching('promo'), undefined)).not.toContain('Why:')
  })

  it('escapes the names SendGrid and senders give', () => {
    const odd: MetricExplanation = { ...SPAM, categories: [{ name: '*bold* [x](https://evil.example)', window: rate(38, 9_000) }] }
    const rendered = render(markdownOf(breaching('promo'), explanation([account('promo', [odd])])))
    expect(rendered).not.toContain('<em>bold</em>')
    expect(rendered).not.toContain('href="https://evil.example')
    expect(visibleText(rendered)).toContain('by category: *bold* [x](https://evil.example) 38 of the 236 spam reports')
  })
})

describe('entries from 10 on', () => {
  const names = Array.from({ length: 12 }, (_, index) => `account-${String(index + 1).padStart(2, '0')}`)
  // Worse scores first, so that the accounts keep their numbers in What to fix.
  const records = names.flatMap((name, index) => DAYS.map((date, day) => rec(name, date, 4, day === 0 ? {} : { spam_rate: 1 + index / 100 })))
  const explained = explanation([account('account-11')])
  const html = render(markdownOf(records, explained))

  it('keep their Why lines and advice nested inside their own item, in one list', () => {
    const fixes = html.slice(html.indexOf('What to fix'), html.indexOf('How SendGrid scores'))
    expect(fixes.match(/<ol/g)).toHaveLength(1)
    expect(fixes.match(/<ul>/g)).toHaveLength(12)
    const eleventh = fixes.slice(fixes.indexOf('<strong>account-11</strong>'), fixes.indexOf('<strong>account-12</strong>'))
    expect(eleventh).toMatch(/<ul>\n<li>Why: spam reports[^<]*<\/li>\n<li>Spam rate: as for account-01 above\.<\/li>\n<\/ul>\n<\/li>/)
  })

  it('are indented by the width of their number in the text format too', () => {
    const text = textOf(records, explained)
    expect(text).toContain('  11. account-11: ')
    expect(text).toContain(`\n      Why: spam reports`)
    expect(text).toContain(`\n     Spam rate: ${ADVICE.spam_rate.join(' ')}`)
  })
})

describe('names from outside in the text format', () => {
  it('keep to their line: a category named with a line break and a workflow command starts no line of its own', () => {
    const forged: MetricExplanation = { ...SPAM, categories: [{ name: 'deals\n::error::forged\u001b[31m', window: rate(38, 9_000) }] }
    const text = textOf(breaching('promo'), explanation([account('promo', [forged])]))
    expect(text).not.toMatch(/^::error::/m)
    expect(text).not.toContain('\u001b')
    expect(text).toContain('by category: deals ::error::forged [31m 38 of the 236 spam reports')
  })
})

describe('the At risk list', () => {
  it('keeps twelve accounts in one list', () => {
    const records = Array.from({ length: 12 }, (_, index) => DAYS.map((date) => rec(`risky-${index + 1}`, date, 4, {}))).flat()
    const { evaluation, config: settings } = run(records, undefined, { 'warn-score': '4.5' })
    const html = render(renderSummary(evaluation, settings).markdown)
    const atRisk = html.slice(html.indexOf('At risk</h3>'), html.indexOf('Accounts</h3>'))
    expect(atRisk.match(/<ul>/g)).toHaveLength(1)
    expect(atRisk.match(/<li>/g)).toHaveLength(12)
  })
})

describe('rates a reader can trust', () => {
  it('shows no rate from a denominator of 0: no NaN, no Infinity, no 0% from nothing', () => {
    const empty: MetricExplanation = {
      metric: 'spam_rate',
      nearest: false,
      measures: [{ stat: 'spam_reports', per: 'delivered', window: rate(3, 0), baseline: rate(0, 0) }],
      providers: [{ name: 'Gmail', window: rate(3, 0), baseline: rate(0, 0) }],
      categories: []
    }
    const line = whyOf(empty)
    expect(line).toBe('Why: 3 spam reports, nothing delivered from 2026-11-26 to 2026-11-27, against nothing delivered in the 7 days before; by provider: Gmail 3 spam reports, nothing delivered (was nothing delivered); none of them in a category.')
    const none = whyOf({ ...empty, measures: [{ stat: 'bounces', per: 'requests', window: rate(0, 0) }], providers: [] })
    expect(none).toBe('Why: no bounces, no requests from 2026-11-26 to 2026-11-27; SendGrid returned no stats for the 7 days before.')
    expect(line).not.toMatch(/NaN|Infinity|\d%/)
  })

  it(`shows the counts, not a rate, below ${COUNTS_BELOW} messages`, () => {
    const small: MetricExplanation = {
      ...SPAM,
      measures: [{ stat: 'spam_reports', per: 'delivered', window: rate(3, 40), baseline: rate(1, COUNTS_BELOW - 1) }],
      providers: [{ name: 'Gmail', window: rate(3, 30), baseline: rate(0, 200) }]
    }
    const line = whyOf(small)
    expect(line).toContain('spam reports 3 of 40 delivered from 2026-11-26 to 2026-11-27, against 1 of 999 in the 7 days before')
    expect(line).toContain('by provider: Gmail 3 of 30 (was 0 of 200)')
    expect(line).not.toContain('%')
  })

  it('writes rates with two significant digits below 10%, one decimal above', () => {
    expect([0.0045, 0.009, 0.000021, 0.05, 0.0997, 0.123, 0.996].map(percent)).toEqual(['0.45%', '0.90%', '0.0021%', '5.0%', '10.0%', '12.3%', '99.6%'])
  })

  it('counts bounces and blocks against requests', () => {
    const blocks: MetricExplanation = {
      metric: 'bounce_classification',
      nearest: false,
      measures: [{ stat: 'blocks', per: 'requests', window: rate(1_200, 40_000), baseline: rate(300, 150_000) }],
      providers: [{ name: 'Microsoft', window: rate(1_100, 9_000) }],
      categories: []
    }
    expect(whyOf(blocks)).toBe('Why: blocks 3.0% of requests (1,200 of 40,000) from 2026-11-26 to 2026-11-27, against 0.20% in the 7 days before; by provider: Microsoft 12.2% (1,100 of 9,000); none of them in a category.')
  })
})

describe('what SendGrid could not give', () => {
  it('says once when it returned no stats for the days before', () => {
    const noBaseline: MetricExplanation = { ...SPAM, measures: [{ stat: 'spam_reports', per: 'delivered', window: rate(236, 52_000) }] }
    expect(whyOf(noBaseline)).toBe(
      'Why: spam reports 0.45% of delivered (236 of 52,000) from 2026-11-26 to 2026-11-27; SendGrid returned no stats for the 7 days before; by provider: Gmail 0.52% (41 of 7,900; was 0.050%), Yahoo 0.082% (9 of 11,000); by category: weekly-deals 38 of the 236 spam reports, receipts 9.'
    )
  })

  it('says each part it could not give in a line of its own, and leaves that part out of the Why line', () => {
    const text = textOf(breaching('promo'), explanation([account('promo', [{ ...SPAM, providers: [] }], [gap('providers', 'SendGrid answered 500.')])]))
    const lines = text.split('\n').map((line) => line.trim())
    const why = lines.findIndex((line) => line.startsWith('Why:'))
    expect(lines[why]).not.toContain('provider')
    expect(lines[why + 1]).toBe('Mailbox providers not available: SendGrid answered 500.')
    expect(lines[why + 2]).toMatch(/^Spam rate: /)
  })

  it('says parts that failed alike in one line, with the first one’s words', () => {
    const alike = [gap('daily', 'SendGrid answered 500 after 3 retries'), gap('providers', 'not requested: SendGrid answered 500 after 3 retries'), gap('categories', 'not requested: SendGrid answered 500 after 3 retries')]
    const nothing: MetricExplanation = { metric: 'spam_rate', nearest: false, measures: [], providers: [], categories: [] }
    const text = textOf(breaching('promo'), explanation([account('promo', [nothing], [...alike, { ...gap('categories', 'timed out'), cause: { network: 'timeout' } }])]))
    const under = text.split('\n').map((line) => line.trim()).filter((line) => line.includes('not available') || line.startsWith('Why:'))
    expect(under).toEqual(['Daily stats, mailbox providers and categories not available: SendGrid answered 500 after 3 retries.', 'Categories not available: timed out.'])
  })

  it('still names the providers and categories when the account’s own totals could not be had', () => {
    const text = textOf(breaching('promo'), explanation([account('promo', [{ ...SPAM, measures: [] }], [gap('daily', 'SendGrid answered 500')])]))
    const lines = text.split('\n').map((line) => line.trim())
    const why = lines.findIndex((line) => line.startsWith('Why:'))
    expect(lines.slice(why, why + 2)).toEqual([
      'Why: spam reports from 2026-11-26 to 2026-11-27: by provider: Gmail 0.52% (41 of 7,900; was 0.050%), Yahoo 0.082% (9 of 11,000); by category: weekly-deals 38 spam reports, receipts 9.',
      'Daily stats not available: SendGrid answered 500.'
    ])
  })

  it('says briefly when the sender sets no categories', () => {
    expect(whyOf({ ...SPAM, categories: [] })).toMatch(/; none of them in a category\.$/)
  })

  it('says engagement recency has no stat of its own, and shows opens and clicks as the nearest', () => {
    const recency: MetricExplanation = {
      metric: 'engagement_recency',
      nearest: true,
      measures: [
        { stat: 'unique_opens', per: 'delivered', window: rate(6_000, 50_000), baseline: rate(36_000, 200_000) },
        { stat: 'unique_clicks', per: 'delivered', window: rate(550, 50_000), baseline: rate(4_000, 200_000) }
      ],
      providers: [{ name: 'Gmail', window: rate(900, 10_000), baseline: rate(9_000, 40_000) }],
      categories: []
    }
    const line = whyOf(recency)
    expect(line).toBe(
      'Why: engagement recency has no SendGrid stat of its own, the nearest are unique opens 12.0% of delivered (6,000 of 50,000) from 2026-11-26 to 2026-11-27, against 18.0% in the 7 days before; unique clicks 1.1% of delivered (550 of 50,000), against 2.0%; fell most at Gmail 9.0% (900 of 10,000; was 22.5%); none of them in a category.'
    )
  })
})

describe('beneath the list', () => {
  it('counts the accounts in breach not explained', () => {
    const markdown = markdownOf(breaching('promo'), explanation([account('promo')], { notExplained: 20 }))
    expect(visibleText(render(markdown))).toContain('20 more accounts in breach were not explained (at most 10 per run).')
    expect(textOf(breaching('promo'), explanation([], { notExplained: 1 }))).toContain('  1 more account in breach was not explained (at most 10 per run).')
  })

  it('says once that the explanation needs Stats read access, not per account', () => {
    const nothing: MetricExplanation = { metric: 'spam_rate', nearest: false, measures: [], providers: [], categories: [] }
    const gaps = [gap('daily', 'SendGrid answered 403', 'access'), gap('providers', 'not requested: SendGrid answered 403', 'access'), gap('categories', 'not requested: SendGrid answered 403', 'access')]
    const refused = explanation([account('promo', [nothing], gaps)], { accessDenied: true })
    const markdown = markdownOf([...breaching('promo'), ...breaching('other')], refused)
    const visible = visibleText(render(markdown))
    expect(visible.split(STATS_ACCESS)).toHaveLength(2)
    expect(visible).toContain(`the explanation needs Stats read access, which the key in the api-key secret lacks (${STATS_ACCESS}).`)
    expect(visible).not.toContain('not available')
    expect(visible).not.toContain('Why:')
  })

  it('names the key as each face knows it', () => {
    const { evaluation, config: settings } = run(breaching('promo'), explanation([], { accessDenied: true }))
    const wording = cliWording('SENDGRID_API_KEY')
    expect(visibleText(render(renderSummary(evaluation, settings, JOB_SUMMARY_LIMIT, wording).markdown))).toContain('which the key in SENDGRID_API_KEY lacks')
    expect(statsAccessNotice(wording)).toContain(`the key in SENDGRID_API_KEY. Add Stats read access to that key (${STATS_ACCESS})`)
  })
})

describe('the text format', () => {
  it('puts each Why line under its account, before the advice', () => {
    const lines = textOf([...breaching('promo'), ...fine('calm')], explanation([account('promo')])).split('\n')
    const entry = lines.indexOf('  1. promo: spam rate 1 (min 3) from 2026-11-26 to 2026-11-27, 2 of 3 days.')
    expect(lines[entry + 1]).toBe(`     ${SPAM_LINE}`)
    expect(lines[entry + 2]).toBe(`     Spam rate: ${ADVICE.spam_rate.join(' ')}`)
  })
})

describe('the JSON documents', () => {
  const refusedCategories = gap('categories', `SendGrid answered 500 to ${KEY}`)
  const explained = explanation([account('promo', [{ ...SPAM, measures: [{ stat: 'spam_reports', per: 'delivered', window: rate(2, 0) }] }], [refusedCategories])], { notExplained: 3 })
  const { evaluation, config: settings, collection } = run([...breaching('promo'), ...fine('calm')], explained)
  const redact = (text: string): string => text.replaceAll(KEY, '***')
  const reportFile = [...reportFileText({ config: settings, collection, evaluation, stepFailed: true, redact })].join('')
  const cliJson = [...outputsDocumentText({ config: settings, collection, evaluation, stepFailed: true, redact })].join('')

  it('hold the explanation as structured values: rates a number or null, counts, providers, categories, gaps', () => {
    const document = JSON.parse(reportFile) as { explanation: unknown }
    expect(document.explanation).toEqual({
      accounts: [
        {
          account: 'promo',
          window: WINDOW,
          baseline: BASELINE,
          metrics: [
            {
              metric: 'spam_rate',
              nearest: false,
              measures: [{ stat: 'spam_reports', per: 'delivered', window: { count: 2, of: 0, rate: null }, baseline: null }],
              providers: [
                { name: 'Gmail', window: { count: 41, of: 7_900, rate: 41 / 7_900 }, baseline: { count: 20, of: 40_000, rate: 20 / 40_000 } },
                { name: 'Yahoo', window: { count: 9, of: 11_000, rate: 9 / 11_000 }, baseline: null }
              ],
              categories: [
                { name: 'weekly-deals', window: { count: 38, of: 9_000, rate: 38 / 9_000 } },
                { name: 'receipts', window: { count: 9, of: 30_000, rate: 9 / 30_000 } }
              ]
            }
          ],
          gaps: [{ ...refusedCategories, message: 'SendGrid answered 500 to ***' }]
        }
      ],
      notExplained: 3,
      accessDenied: false
    })
    expect(reportFile).not.toMatch(/NaN|Infinity/)
    expect(reportFile).not.toContain(KEY)
  })

  it('give the command line’s JSON the same explanation, beside the failures', () => {
    const document = JSON.parse(cliJson) as Record<string, unknown>
    expect(Object.keys(document)).toEqual(['config', 'outcome', 'failures', 'explanation', 'outputs'])
    expect(document.explanation).toEqual((JSON.parse(reportFile) as Record<string, unknown>).explanation)
  })

  it('say null when nothing was explained', () => {
    const passed = run(fine('calm'))
    const document = JSON.parse([...reportFileText({ config: passed.config, collection: passed.collection, evaluation: passed.evaluation, stepFailed: false, redact })].join('')) as Record<string, unknown>
    expect(document.explanation).toBeNull()
  })
})

describe('JUnit XML', () => {
  it('gives the failure’s text its Why lines before the advice, and the suite’s output the notes beneath the list', async () => {
    const refused = explanation([account('promo', [SPAM], [gap('daily', 'SendGrid answered 500')])], { notExplained: 2 })
    const { evaluation, config: settings } = run([...breaching('promo'), ...breaching('other'), ...fine('calm')], refused)
    const xml = [...junitText(evaluation, settings, { startedMs: Date.UTC(2026, 10, 28), durationMs: 1_000, hostname: 'ci', wording: ACTION_WORDING, redact: (text) => text })].join('')
    expect(await schemaErrors(xml)).toEqual([])
    const suite = await readJUnit(xml)
    const promo = suite.cases.find((each) => each.name === 'promo')?.result?.text.split('\n') ?? []
    const why = promo.indexOf(SPAM_LINE)
    expect(why).toBeGreaterThan(0)
    expect(promo[why + 1]).toBe('Daily stats not available: SendGrid answered 500.')
    expect(promo[why + 2]).toBe(`Spam rate: ${ADVICE.spam_rate.join(' ')}`)
    expect(suite.cases.find((each) => each.name === 'other')?.result?.text).not.toContain('Why:')
    expect(suite.systemOut).toContain('2 more accounts in breach were not explained (at most 10 per run).')
  })
})

describe('size limits', () => {
  /** Ten accounts explained at length: five metrics each, names as long as SendGrid allows. */
  function longExplanation(names: string[]): Explanation {
    const long = (prefix: string, index: number): string => `${prefix}-${index}-${'x'.repeat(250)}`
    const metric = (name: MetricExplanation['metric']): MetricExplanation => ({
      ...SPAM,
      metric: name,
      providers: [0, 1, 2].map((index) => ({ name: long('provider', index), window: rate(41, 7_900), baseline: rate(20, 40_000) })),
      categories: [0, 1, 2].map((index) => ({ name: long('category', index), window: rate(38, 9_000) }))
    })
    const metrics = (['engagement_recency', 'open_rate', 'bounce_classification', 'bounce_rate', 'spam_rate'] as const).map(metric)
    return explanation(names.slice(0, 10).map((name) => account(name, metrics)), { notExplained: names.length - 10 })
  }

  const names = Array.from({ length: 30 }, (_, index) => `account-${index + 1}`)
  const records = names.flatMap((name) => breaching(name, { engagement_recency: 1, open_rate: 1, bounce_classification: 1, bounce_rate: 1, spam_rate: 1 }))
  const { evaluation, config: settings } = run(records, undefined, { 'min-metric-scores': 'engagement_recency=3, open_rate=3, bounce_classification=3, bounce_rate=3, spam_rate=3' })
  // The gate explains the worst accounts: the first in What to fix.
  evaluation.explanation = longExplanation(evaluation.accounts.map((verdict) => verdict.account))

  it('keep the markdown output under its limit: the worst accounts’ Why lines first, the rest counted', () => {
    const { markdown } = renderSummary(evaluation, settings, MARKDOWN_OUTPUT_LIMIT)
    expect(markdown.length).toBeLessThanOrEqual(MARKDOWN_OUTPUT_LIMIT.max)
    const whyLines = markdown.split('\n').filter((line) => line.trimStart().startsWith('- Why:'))
    expect(whyLines.length).toBeGreaterThan(0)
    expect(whyLines.length).toBeLessThan(50)
    const leftOut = 10 - whyLines.length / 5
    expect(markdown).toContain(`_Why lines of ${leftOut} accounts are left out to stay within GitHub's size limit; the \`report-file\` output has them._`)
    expect(markdown).toContain('20 more accounts in breach were not explained (at most 10 per run).')
  })

  it('let the job summary hold every Why line', () => {
    const { markdown } = renderSummary(evaluation, settings, JOB_SUMMARY_LIMIT)
    expect(markdown.split('\n').filter((line) => line.trimStart().startsWith('- Why:'))).toHaveLength(50)
    expect(markdown).not.toContain('Why lines of')
  })
})
