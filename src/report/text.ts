import { daysBetween } from '../dates.js'
import type { Evaluation } from '../gate/evaluate.js'
import { failedSubject } from '../records/collection.js'
import { METRICS } from '../records/score-record.js'
import type { Wording } from '../messages.js'
import { accountLines, barsText, dayBeside, SHORT_NAMES, sparkline, trendText, type AccountLine, type MarkedValue, type Status } from './accounts.js'
import { adviceLines, describeProblems, fixesOf, risksOf } from './fixes.js'
import { AT_RISK_INTRO, AT_RISK_MEANS, missingText, NOT_ELIGIBLE, thresholdsLine, warnsAtAll, type ReportConfig, type Style } from './phrases.js'
import { METRIC_NAMES, plural, verdictLine } from './verdict.js'
import { explanationNotes, whyByAccount } from './why.js'

/**
 * The report for a terminal or a mail: the verdict, what to fix, what was not checked or scored,
 * and one aligned line per account, in plain text. Colour (ANSI) only when asked for.
 */

export interface TextOptions {
  colour: boolean
  wording: Wording
}

type Paint = (text: string, colour: keyof typeof ANSI) => string

const ANSI = { red: 31, green: 32, yellow: 33, bold: 1, dim: 2 } as const
const STATUS_MARKS: Record<Status, [mark: string, colour: keyof typeof ANSI]> = {
  breach: ['✗', 'red'],
  error: ['!', 'yellow'],
  pending: ['…', 'yellow'],
  missing: ['!', 'yellow'],
  risk: ['◆', 'yellow'],
  ok: ['✓', 'green']
}
const VERDICT_COLOURS = { passed: 'green', failed: 'red', error: 'yellow', pending: 'yellow' } as const
const METRIC_TITLES = METRICS.map((metric) => SHORT_NAMES[metric].toUpperCase())
const COLUMN_TITLES = ['STATUS', 'ACCOUNT', 'LATEST', 'LOWEST', ...METRIC_TITLES, 'TREND', 'DAILY']
/** Columns of numbers, aligned to the right. */
const NUMERIC = new Set(['LATEST', 'LOWEST', ...METRIC_TITLES])
const LISTED = 20

export function renderText(evaluation: Evaluation, config: ReportConfig, { colour, wording }: TextOptions): string {
  const paint: Paint = colour ? (text, name) => `\u001b[${ANSI[name]}m${text}\u001b[0m` : (text) => text
  const style: Style = { strong: (text) => paint(text, 'bold'), literal: (text) => text, wording }
  const sections = [
    `${paint(verdictLine(evaluation, config), VERDICT_COLOURS[evaluation.result])}\n${thresholdsLine(config, style)}\n`,
    fixes(evaluation, config, style),
    atRisk(evaluation, config, style),
    notChecked(evaluation),
    missing(evaluation, config),
    accountsTable(evaluation, config, paint)
  ]
  return sections.filter(Boolean).join('\n')
}

/** Each account in breach, worst first: what fails, why (SendGrid's stats), then the advice, each under its number. */
function fixes(evaluation: Evaluation, config: ReportConfig, style: Style): string {
  const { fixes: entries, more } = fixesOf(evaluation)
  if (entries.length === 0) return ''
  const advice = adviceLines(entries, printable)
  const why = whyByAccount(evaluation.explanation, printable)
  const lines = entries.flatMap((fix, index) => {
    const marker = `  ${index + 1}. `
    const under = [...why(fix.account), ...(advice[index] ?? [])]
    return [`${marker}${style.strong(fix.account)}${fix.parent ? ' (parent)' : ''}: ${describeProblems(fix.problems, config.evaluate, style)}.`, ...under.map((line) => `${' '.repeat(marker.length)}${line}`)]
  })
  if (more > 0) lines.push(`  …and ${plural(more, 'more account')} below threshold; the table below lists every account.`)
  lines.push(...explanationNotes(evaluation.explanation, style.wording).map((note) => `  ${note}`))
  return `What to fix\n${lines.join('\n')}\n`
}

function atRisk(evaluation: Evaluation, config: ReportConfig, style: Style): string {
  const { risks, more } = risksOf(evaluation)
  if (risks.length === 0) return ''
  const lines = risks.map((risk) => `  ${style.strong(risk.account)}${risk.parent ? ' (parent)' : ''}: ${describeProblems(risk.problems, config.evaluate, style)}.`)
  if (more > 0) lines.push(`  …and ${plural(more, 'more account')} at risk; the table below lists every account.`)
  return `At risk\n${lines.join('\n')}\n  ${AT_RISK_INTRO}\n`
}

function notChecked({ failures }: Evaluation): string {
  if (failures.length === 0) return ''
  const lines = failures.slice(0, LISTED).map((failure) => `  ${failedSubject(failure)} (${failure.outcome === 'pending' ? 'still pending' : 'error'}): ${failure.message}`)
  if (failures.length > LISTED) lines.push(`  …and ${failures.length - LISTED} more; --format json lists them all.`)
  return `Not checked\n${lines.join('\n')}\n`
}

function missing(evaluation: Evaluation, config: ReportConfig): string {
  if (config.missingScores === 'ignore') return ''
  const accounts = evaluation.accounts.filter((verdict) => verdict.missing > 0)
  if (accounts.length === 0) return ''
  const lines = accounts.slice(0, LISTED).map((verdict) => `  ${verdict.account}: ${missingText(verdict, config, (text) => text)}`)
  if (accounts.length > LISTED) lines.push(`  …and ${plural(accounts.length - LISTED, 'more account')}`)
  return `Missing scores\n${lines.join('\n')}\n  ${NOT_ELIGIBLE}\n`
}

function accountsTable(evaluation: Evaluation, config: ReportConfig, paint: Paint): string {
  if (evaluation.accounts.length === 0) return ''
  const multiDay = config.from !== config.to
  const titles = COLUMN_TITLES.filter((title) => multiDay || (title !== 'DAILY' && title !== 'TREND'))
  const rows = [...accountLines(evaluation.accounts, config.evaluate, config)].map((line) => cellsOf(line, config.to, paint))
  const widths = titles.map((_, column) => Math.max(titles[column]?.length ?? 0, ...rows.map((row) => visibleLength(row[column] ?? ''))))
  const align = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => pad(cell, widths[column] ?? 0, NUMERIC.has(titles[column] ?? '')))
      .join('  ')
      .trimEnd()
  const headline = config.evaluate === 'average' ? 'LATEST is the average over the range' : 'LATEST is the latest scored day'
  const daily = multiDay ? `; DAILY ${barsText(daysBetween(config.from, config.to) + 1)}` : ''
  const risk = warnsAtAll(config) ? `; ◆ at risk (${AT_RISK_MEANS})` : ''
  const legend = `${headline}; ${METRICS.map((metric, index) => `${METRIC_TITLES[index]} ${METRIC_NAMES[metric]}`).join(', ')}${daily}; ✗ below threshold${risk}.`
  return `Accounts\n${[titles, ...rows].map((cells) => `  ${align(cells)}`).join('\n')}\n${paint(legend, 'dim')}\n`
}

/** The latest score carries its day only when that is not the last day of the range, as in the Markdown table. */
function cellsOf(line: AccountLine, lastDay: string, paint: Paint): string[] {
  const multiDay = line.daily.length > 1
  const [mark, colour] = STATUS_MARKS[line.status]
  const status = paint(`${mark}${line.statusDetail ? ` ${line.statusDetail}` : ''}`, colour)
  const value = (marked: MarkedValue | undefined): string => {
    if (marked === undefined) return '–'
    if (marked.breached) return paint(`${marked.value}✗`, 'red')
    return marked.atRisk ? paint(`${marked.value}◆`, 'yellow') : String(marked.value)
  }
  const dated = (marked: (MarkedValue & { date: string }) | undefined, always: boolean): string => {
    const day = marked && dayBeside(marked, lastDay, always)
    return day === undefined ? value(marked) : `${value(marked)} ${day}`
  }
  const notRead = line.status === 'error' || line.status === 'pending'
  const daily = multiDay ? [trendText(line.trend) || '–', notRead ? '–' : sparkline(line.daily)] : []
  const account = `${line.account}${line.parent ? ' (parent)' : ''}${line.ownThresholds ? ' †' : ''}`
  return [status, account, dated(line.headline, false), dated(line.lowest, true), ...METRICS.map((metric) => value(line.metrics[metric])), ...daily]
}

/** Characters a terminal shows: colour codes take no room. */
function visibleLength(text: string): number {
  // eslint-disable-next-line no-control-regex
  return [...text.replace(/\u001b\[\d+m/g, '')].length
}

function pad(text: string, width: number, right: boolean): string {
  const room = ' '.repeat(Math.max(width - visibleLength(text), 0))
  return right ? `${room}${text}` : `${text}${room}`
}

/**
 * Text from outside (a sender's category names, SendGrid's messages) on one line without control
 * characters: a line break or an escape in a name must not start a line of its own in a log (where
 * `::error::` is a workflow command) nor colour a terminal.
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
}
