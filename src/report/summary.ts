import { daysBetween } from '../dates.js'
import { type AccountVerdict, type BreachMetric, type Evaluation, type Row, type Subject } from '../gate/evaluate.js'
import { failedSubject } from '../records/collection.js'
import { METRICS, type Metric } from '../records/score-record.js'
import { ACTION_WORDING, type Wording } from '../messages.js'
import { accountLines, barsText, dayBeside, NO_SCORE_MARK, SHORT_NAMES, sparkline, TREND_ARROWS, type AccountLine, type MarkedValue } from './accounts.js'
import { SEQ_DOCS_URL } from './advice.js'
import { byteLength } from './bytes.js'
import { renderTrendChart } from './chart.js'
import { adviceLines, describeProblems, fixesOf, risksOf } from './fixes.js'
import { escapeHtml, escapeMarkdown, tableHead, tableRow } from './markdown.js'
import { AT_RISK_INTRO, AT_RISK_MEANS, capitalized, missingText, NOT_ELIGIBLE, thresholdsLine, warnsAtAll, type ReportConfig, type Style } from './phrases.js'
import { METRIC_NAMES, plural, verdictLine } from './verdict.js'
import { explanationNotes, whyByAccount } from './why.js'

export type { ReportConfig } from './phrases.js'

/**
 * The report as Markdown, one design for every face: the job summary, the `markdown` output (the
 * check run, the pull-request comment, the tracking issue) and the command line's Markdown. Ordered by what a reader needs first:
 * the verdict, what to fix, what could not be checked, the chart, one row per account, then each
 * account's days folded away.
 */

/** How big a report may be, and how its size is counted. */
export interface SizeLimit {
  max: number
  measure: (text: string) => number
}

/** GitHub refuses a job summary over 1 MiB. */
export const JOB_SUMMARY_LIMIT: SizeLimit = { max: 1_000_000, measure: byteLength }
/**
 * GitHub refuses a check run's summary, a comment's body or an issue's body over 65,535 characters.
 * The room left is for what those sinks put before the report: the tracking issue's marker and
 * state take up to about 8,200 characters.
 */
export const MARKDOWN_OUTPUT_LIMIT: SizeLimit = { max: 57_000, measure: (text) => text.length }
export const UNLIMITED: SizeLimit = { max: Number.POSITIVE_INFINITY, measure: () => 0 }

export interface RenderedSummary {
  markdown: string
  /** Accounts left out of the table to stay within the limit. */
  omittedAccounts: number
}

const ICONS = { passed: '✅', failed: '❌', error: '⚠️', pending: '⏳' } as const
/** At risk: not ⚠️, which stands for a missing score, nor a coloured circle, which stands for an account in the chart. */
const AT_RISK = '🔶'
const STATUS_ICONS = { breach: '❌', error: '⚠️', pending: '⏳', missing: '⚠️', risk: AT_RISK, ok: '✅' } as const
const MISSING_ACCOUNTS = 20
/** After the name of an account held to its own thresholds. */
const OWN_THRESHOLDS_MARK = '†'
const NBSP = '\u00a0'
const NOT_SHOWN = "to stay within GitHub's size limit; the `report-file` output has every record"

/**
 * Sections are kept, as the limit allows, in this order: the verdict, What to fix and what could
 * not be checked; the per-account table (worst accounts first); the chart; then as many accounts'
 * days as fit. Whatever is left out is said.
 */
export function renderSummary(evaluation: Evaluation, config: ReportConfig, limit: SizeLimit = JOB_SUMMARY_LIMIT, wording: Wording = ACTION_WORDING): RenderedSummary {
  return new Summary(evaluation, config, wording).within(limit)
}

/**
 * One run's report, each piece made once, when a size limit first needs it, and put together
 * within any limit: the Action fits the same pieces into the job summary and the markdown output.
 */
export class Summary {
  private readonly fixed: { head: string; risks: string; missing: string }
  private readonly fixes: FixesPieces
  private readonly failureLines: MadeOnce<string>
  private readonly accountRows: MadeOnce<string>
  private readonly dayBlocks: MadeOnce<DayBlock>
  private readonly dayBlockCount: number
  private chart?: string

  constructor(
    private readonly evaluation: Evaluation,
    private readonly config: ReportConfig,
    private readonly wording: Wording = ACTION_WORDING
  ) {
    const style: Style = { strong: (text) => `**${text}**`, literal: escapeMarkdown, wording }
    const head = `## ${ICONS[evaluation.result]} ${escapeMarkdown(verdictLine(evaluation, config))}\n\n${thresholdsLine(config, style)}\n`
    this.fixed = { head, risks: atRiskSection(evaluation, config, style), missing: missingSection(evaluation, config) }
    this.fixes = fixesPieces(evaluation, config, style)
    this.failureLines = new MadeOnce(failureLines(evaluation))
    const multiDay = config.from !== config.to
    this.accountRows = new MadeOnce(mapped(accountLines(evaluation.accounts, config.evaluate, config), (line) => `${accountRow(line, config.to, multiDay)}\n`))
    this.dayBlocks = new MadeOnce(dayBlocksOf(evaluation, config))
    this.dayBlockCount = dayBlockCount(evaluation, config)
  }

  within(limit: SizeLimit): RenderedSummary {
    const { head, risks, missing } = this.fixed
    const fixed = [head, fixesSection(this.fixes, limit), risks, this.notCheckedSection(limit), missing].join('')
    if (this.evaluation.accounts.length === 0) return { markdown: `${fixed}\n_No accounts to show._\n`, omittedAccounts: 0 }

    let room = limit.max - limit.measure(fixed) - NOTE_ROOM
    const table = this.accountsTable(limit, room)
    room -= limit.measure(table.markdown)
    this.chart ??= renderTrendChart(this.evaluation.accounts, this.config)
    const chart = this.chart
    const chartFits = chart !== '' && limit.measure(chart) + 1 <= room
    if (chartFits) room -= limit.measure(chart) + 1
    const chartNote = chart !== '' && !chartFits ? `\n_The chart is left out ${NOT_SHOWN}._\n` : ''
    const daily = this.config.evaluate === 'all' ? this.dailySection(limit, room) : ''
    const markdown = `${fixed}${chartFits ? `\n${chart}` : chartNote}${table.markdown}${daily}`
    return { markdown, omittedAccounts: table.omitted }
  }

  /** Accounts and listing days that could not be read, and why; at most a quarter of the limit, the rest counted. */
  private notCheckedSection(limit: SizeLimit): string {
    const { failures } = this.evaluation
    if (failures.length === 0) return ''
    const intro = '\n### Not checked\n\nThese could not be read, so their scores are not in the report:\n\n'
    const lines: string[] = []
    let size = limit.measure(intro) + 200
    for (const line of this.failureLines) {
      size += limit.measure(line) + 1
      if (size > limit.max / 4) break
      lines.push(line)
    }
    const more = failures.length - lines.length
    if (more > 0) lines.push(`- _and ${more} more, listed in the \`report-file\` output_`)
    return `${intro}${lines.join('\n')}\n`
  }

  /** The per-account table, worst first, with as many rows as fit in `room`. */
  private accountsTable(limit: SizeLimit, room: number): { markdown: string; omitted: number } {
    const { config, wording } = this
    const days = daysBetween(config.from, config.to) + 1
    const headline = config.evaluate === 'average' ? 'Average' : 'Latest'
    const columns = [['Status', 'l'], ['Account', 'l'], [headline, 'r'], ['Lowest', 'r'], ...METRICS.map((metric) => [SHORT_NAMES[metric], 'r']), ...(days > 1 ? [['Daily · trend', 'l']] : [])] as const
    const legend = tableLegend(config, days, wording)
    let markdown = `\n### Accounts\n\n${tableHead(columns as readonly (readonly [string, 'l' | 'r'])[])}\n`
    let size = limit.measure(markdown) + limit.measure(legend)
    let shown = 0
    for (const row of this.accountRows) {
      size += limit.measure(row)
      if (size > room) break
      markdown += row
      shown++
    }
    const omitted = this.evaluation.accounts.length - shown
    const note = omitted > 0 ? `\n_${plural(omitted, 'more account')} not shown ${NOT_SHOWN}._\n` : ''
    return { markdown: `${markdown}\n${legend}${note}`, omitted }
  }

  /** As many accounts' folded days as fit in `room`; what is left out is said. */
  private dailySection(limit: SizeLimit, room: number): string {
    let markdown = '\n### Daily scores\n'
    let left = room - limit.measure(markdown)
    let shown = 0
    for (const block of this.dayBlocks) {
      const text = block.within({ ...limit, max: left })
      if (text === undefined) break
      left -= limit.measure(text)
      markdown += text
      shown++
    }
    const blocks = this.dayBlockCount
    if (shown === 0 && blocks > 0) return `\n_Daily scores are left out ${NOT_SHOWN}._\n`
    const more = blocks - shown
    return more > 0 ? `${markdown}\n_Daily scores of ${plural(more, 'more block')} left out ${NOT_SHOWN}._\n` : markdown
  }
}

/** Room kept for the notes that say what was left out. */
const NOTE_ROOM = 600

/**
 * The items of `source`, each made when first read and then kept, so that reading them again
 * (within a larger limit) makes none twice.
 */
class MadeOnce<T> implements Iterable<T> {
  private readonly made: T[] = []
  private done = false

  constructor(private readonly source: Iterator<T>) {}

  *[Symbol.iterator](): Iterator<T> {
    for (let index = 0; ; index++) {
      if (index === this.made.length && !this.pull()) return
      yield this.made[index] as T
    }
  }

  private pull(): boolean {
    if (this.done) return false
    const next = this.source.next()
    if (next.done) this.done = true
    else this.made.push(next.value)
    return !this.done
  }
}

function* mapped<T, U>(items: Iterable<T>, map: (item: T) => U): Generator<U> {
  for (const item of items) yield map(item)
}

function* failureLines({ failures }: Evaluation): Generator<string> {
  for (const failure of failures)
    yield `- **${escapeMarkdown(failedSubject(failure))}** (${failure.outcome === 'pending' ? 'still pending' : 'error'}): ${escapeMarkdown(failure.message)}`
}

/** What to fix, its words made once: each account's entry, its Why lines and its advice; the notes beneath. */
interface FixesPieces {
  entries: { head: string; why: string[]; advice: string[] }[]
  /** Accounts in breach beyond those listed. */
  more: number
  /** How many accounts were not explained, and the access the explanation needs. */
  notes: string[]
}

/**
 * One entry per account in breach, worst first: what fails and when, then why (from SendGrid's
 * stats), then what usually fixes it. Advice given once is pointed to after that, so twenty
 * accounts with the same problem stay short.
 */
function fixesPieces(evaluation: Evaluation, config: ReportConfig, style: Style): FixesPieces {
  const { fixes, more } = fixesOf(evaluation)
  const advice = adviceLines(fixes, escapeMarkdown)
  const why = whyByAccount(evaluation.explanation, escapeMarkdown)
  const entries = fixes.map((fix, index) => ({
    head: `${accountName(fix)}: ${describeProblems(fix.problems, config.evaluate, style)}.`,
    why: why(fix.account),
    advice: advice[index] ?? []
  }))
  return { entries, more, notes: explanationNotes(evaluation.explanation, style.wording).map(escapeMarkdown) }
}

/**
 * What to fix as a numbered list, each entry's lines nested under it by the width of its number
 * (`10. ` needs four spaces, not three). The Why lines take at most a quarter of `limit`, the
 * worst accounts' first; those left out are counted.
 */
function fixesSection({ entries, more, notes }: FixesPieces, limit: SizeLimit): string {
  if (entries.length === 0) return ''
  let whyRoom = limit.max / 4
  let whyLeftOut = 0
  const items = entries.map((entry, index) => {
    const marker = `${index + 1}. `
    const nested = (line: string): string => `${' '.repeat(marker.length)}- ${line}`
    const why = entry.why.map(nested)
    const whySize = why.reduce((size, line) => size + limit.measure(line) + 1, 0)
    const fits = whyLeftOut === 0 && whySize <= whyRoom
    if (fits) whyRoom -= whySize
    else if (why.length > 0) whyLeftOut++
    return [`${marker}${entry.head}`, ...(fits ? why : []), ...entry.advice.map(nested)].join('\n')
  })
  const rest = more > 0 ? `\n_…and ${plural(more, 'more account')} below threshold; the table below lists every account._\n` : ''
  const leftOut = whyLeftOut > 0 ? [`Why lines of ${plural(whyLeftOut, 'account')} are left out to stay within GitHub's size limit; the \`report-file\` output has them.`] : []
  const said = [...notes, ...leftOut].map((note) => `\n_${note}_\n`).join('')
  const docs = `\nHow SendGrid scores each metric and how to raise it: [SendGrid Engagement Quality (SEQ) documentation](${SEQ_DOCS_URL}).\n`
  return `\n### What to fix\n\n${items.join('\n')}\n${rest}${said}${docs}`
}

/** One line per account at risk, worst first: what is below its warning level, its value and level, and when. */
function atRiskSection(evaluation: Evaluation, config: ReportConfig, style: Style): string {
  const { risks, more } = risksOf(evaluation)
  if (risks.length === 0) return ''
  const entries = risks.map((risk) => `- ${accountName(risk)}: ${describeProblems(risk.problems, config.evaluate, style)}.`)
  if (more > 0) entries.push(`- _…and ${plural(more, 'more account')} at risk; the table below lists every account._`)
  return `\n### At risk\n\n${AT_RISK_INTRO}\n\n${entries.join('\n')}\n`
}

function accountName({ account, parent }: { account: string; parent: boolean }): string {
  return `**${escapeMarkdown(account)}**${parent ? ' (parent)' : ''}`
}

function missingSection(evaluation: Evaluation, config: ReportConfig): string {
  if (config.missingScores === 'ignore') return ''
  const missing = evaluation.accounts.filter((verdict) => verdict.missing > 0)
  if (missing.length === 0) return ''
  const lines = missing.slice(0, MISSING_ACCOUNTS).map((verdict) => `- ${accountName(verdict)}: ${missingText(verdict, config, escapeMarkdown)}`)
  if (missing.length > MISSING_ACCOUNTS) lines.push(`- _and ${plural(missing.length - MISSING_ACCOUNTS, 'more account')}_`)
  const intro = `No score came back for these. ${NOT_ELIGIBLE}`
  return `\n### Missing scores\n\n${intro}\n\n${lines.join('\n')}\n`
}

/** The latest score carries its day only when that is not the last day of the range. */
function accountRow(line: AccountLine, lastDay: string, multiDay: boolean): string {
  const status = `${STATUS_ICONS[line.status]}${line.statusDetail ? ` ${line.statusDetail}` : ''}`
  const account = `${escapeMarkdown(line.account)}${line.parent ? `${NBSP}_(parent)_` : ''}${line.ownThresholds ? `${NBSP}${OWN_THRESHOLDS_MARK}` : ''}`
  // A score in breach is bold, one at risk italic: the status says so already, and a mark would widen two columns.
  const dated = (value: (MarkedValue & { date: string }) | undefined, always: boolean): string => {
    if (value === undefined) return '–'
    const day = dayBeside(value, lastDay, always)
    return `${value.breached ? `**${value.value}**` : value.atRisk ? `_${value.value}_` : value.value}${day === undefined ? '' : `${NBSP}${day}`}`
  }
  const metrics = METRICS.map((metric) => (line.metrics[metric] === undefined ? '–' : marked(line.metrics[metric] as MarkedValue)))
  const notRead = line.status === 'error' || line.status === 'pending'
  const daily = !multiDay ? [] : notRead ? ['–'] : [`${trendArrow(line)}\`${sparkline(line.daily)}\``]
  return tableRow([status, account, dated(line.headline, false), dated(line.lowest, true), ...metrics, ...daily])
}

/** Before the bars, where a reader looks first and a narrow page never hides it. */
function trendArrow({ trend }: AccountLine): string {
  return trend === undefined ? '' : `${TREND_ARROWS[trend.direction]}${NBSP}`
}


function marked({ value, breached, atRisk }: MarkedValue): string {
  return breached ? `**${value}** ❌` : atRisk ? `${value} ${AT_RISK}` : String(value)
}

function tableLegend(config: ReportConfig, days: number, wording: Wording): string {
  const lastDay = config.to
  const headline = {
    all: `Latest: the score on the latest scored day (its date when before ${lastDay})`,
    latest: `Latest: the score judged, on the latest scored day (its date when before ${lastDay})`,
    average: 'Average: the mean score over the range, which is judged'
  }[config.evaluate]
  const metricsAre = config.evaluate === 'all' ? 'each metric’s lowest score in the range' : config.evaluate === 'latest' ? 'each metric on the latest scored day' : 'each metric’s mean'
  const names = METRICS.map((metric) => `${SHORT_NAMES[metric]} = ${METRIC_NAMES[metric]}`).join(', ')
  const daily = days > 1
    ? ` Daily · trend: the trend of a line fitted to every scored day (↗ up, ↘ down, → flat, ↕ varies), then ${barsText(days)}, higher for a higher score, ${NO_SCORE_MARK} without one.`
    : ''
  const warns = warnsAtAll(config)
  const atRisk = `at risk (${AT_RISK_MEANS})`
  const riskDays = warns ? `${AT_RISK} days ${atRisk}, ` : ''
  const status = config.evaluate === 'all' ? `Status: ❌ days below threshold, ${riskDays}⚠️ days without a score. ` : warns ? `Status: ${AT_RISK} ${atRisk}. ` : ''
  const risky = warns ? ` _Italic_, ${AT_RISK}: below its warning level.` : ''
  const own = (config.accountThresholds ?? []).length > 0 ? ` ${OWN_THRESHOLDS_MARK}: held to its own thresholds (${wording.setting('account-thresholds')}).` : ''
  return `${status}${headline}. Lowest: the lowest daily score. ${capitalized(metricsAre)} (${names}). **Bold**, ❌: below its threshold.${risky}${own}${daily}\n`
}

/**
 * Under `all`, each account in breach or missing a day gets its days in a folded block that says
 * what happened; the other accounts' days share one block.
 */
function* dayBlocksOf(evaluation: Evaluation, config: ReportConfig): Generator<DayBlock> {
  // Each block is made, and its rows judged, when it is first shown: blocks that do not fit are never made.
  for (const verdict of evaluation.accounts) if (hasOwnDayBlock(verdict, config)) yield new DayBlock(`${escapeHtml(verdict.account)}: ${dayBlockTitle(verdict)}`, rowsOf([verdict]))
  const others = sharingDayBlock(evaluation, config)
  const [only] = others
  if (others.length === 1 && only) yield new DayBlock(escapeHtml(only.account), only.rows())
  else if (others.length > 1) yield new DayBlock(`The other ${others.length} accounts`, rowsOf(others), true)
}

/** How many blocks dayBlocksOf makes, counted without making them. */
function dayBlockCount(evaluation: Evaluation, config: ReportConfig): number {
  const own = evaluation.accounts.filter((verdict) => hasOwnDayBlock(verdict, config)).length
  return own + (sharingDayBlock(evaluation, config).length > 0 ? 1 : 0)
}

function hasOwnDayBlock(verdict: AccountVerdict, config: ReportConfig): boolean {
  return verdict.breaches > 0 || verdict.warnings > 0 || (config.missingScores !== 'ignore' && verdict.missing > 0)
}

/** The accounts whose days share one block: read, and nothing to say about any of their days. */
function sharingDayBlock(evaluation: Evaluation, config: ReportConfig): AccountVerdict[] {
  return evaluation.accounts.filter((verdict) => !verdict.failure && !hasOwnDayBlock(verdict, config))
}

/** The days of some accounts, folded under a title; each row is made once, when a limit first reaches it. */
class DayBlock {
  private readonly head: string
  private readonly lines: MadeOnce<string>

  constructor(title: string, rows: Iterable<Row>, withAccount = false) {
    const columns = [...(withAccount ? [['Account', 'l']] : []), ['Date', 'l'], ['Score', 'r'], ...METRICS.map((metric) => [SHORT_NAMES[metric], 'r']), ['Status', 'l']] as const
    this.head = `\n<details><summary>${title}</summary>\n\n${tableHead(columns as readonly (readonly [string, 'l' | 'r'])[])}\n`
    this.lines = new MadeOnce(mapped(rows, (row) => `${tableRow([...(withAccount ? [escapeMarkdown(row.account)] : []), ...dayCells(row)])}\n`))
  }

  /** The block, or undefined when it does not fit in `limit`: its rows are made only until then. */
  within(limit: SizeLimit): string | undefined {
    const tail = '\n</details>\n'
    let text = this.head
    let size = limit.measure(this.head) + limit.measure(tail)
    for (const line of this.lines) {
      size += limit.measure(line)
      if (size > limit.max) return undefined
      text += line
    }
    return `${text}${tail}`
  }
}

function* rowsOf(verdicts: AccountVerdict[]): Generator<Row> {
  for (const verdict of verdicts) yield* verdict.rows()
}

function dayBlockTitle(verdict: AccountVerdict): string {
  const parts = [
    verdict.below > 0 ? `${verdict.below} of ${plural(verdict.judged, 'day')} below threshold` : '',
    verdict.worstBreaches.some((breach) => breach.metric === 'drop') ? 'dropped from its best' : '',
    // An account in breach is not at risk, it fails: its days mark the values below a warning level.
    verdict.atRisk && verdict.belowWarning > 0 ? `${verdict.belowWarning} of ${plural(verdict.judged, 'day')} at risk` : '',
    verdict.atRisk && verdict.worstWarnings.some((warning) => warning.metric === 'drop') ? 'at risk of a drop from its best' : '',
    verdict.missing > 0 ? `no score on ${verdict.missing} of ${plural(verdict.judged, 'day')}` : ''
  ]
  return parts.filter(Boolean).join(', ')
}

function dayCells(row: Row): string[] {
  const breached = new Set<BreachMetric>(row.breaches.map((breach) => breach.metric))
  const warned = new Set<BreachMetric>(row.warnings.map((warning) => warning.metric))
  const cell = (subject: Subject, value: number | undefined): string => (value === undefined ? '–' : marked({ value, breached: breached.has(subject), atRisk: warned.has(subject) }))
  const status = row.breaches.length > 0 ? '❌' : row.missing ? '⚠️ no score' : row.warnings.length > 0 ? AT_RISK : '✅'
  return [row.date, cell('score', row.score), ...METRICS.map((metric: Metric) => cell(metric, row.metrics?.[metric])), status]
}
