import { ADVICE, SEQ_DOCS_URL } from './advice.js'
import { renderTrendChart } from './chart.js'
import { daysBetween } from '../dates.js'
import { rangeOf, type AccountVerdict, type Breach, type BreachMetric, type Evaluation, type Row, type Subject } from '../gate/evaluate.js'
import type { Config, ThresholdRule } from '../inputs.js'
import { byteLength } from './bytes.js'
import { escapeMarkdown } from './markdown.js'
import { METRICS } from '../records/score-record.js'
import { trendOf } from '../gate/trends.js'

/** GitHub refuses a job summary over 1 MiB; stay clear of it. */
export const SUMMARY_LIMIT_BYTES = 1_000_000

/** GitHub's limit for a check run's summary and a comment's body is 65,535 characters; bytes count at least as many. */
export const GITHUB_TEXT_LIMIT_BYTES = 65_000

const TITLE = 'SendGrid engagement quality'
export const LABELS: Record<BreachMetric, string> = {
  score: 'Score',
  engagement_recency: 'Engagement recency',
  open_rate: 'Open rate',
  bounce_classification: 'Bounce classification',
  bounce_rate: 'Bounce rate',
  spam_rate: 'Spam rate',
  drop: 'Drop from best'
}
/** How many accounts a metric's entry under "What to fix" names before it says "and N more". */
const FIX_ACCOUNTS = 10

export type ReportConfig = Pick<
  Config,
  'from' | 'to' | 'evaluate' | 'minScore' | 'minMetricScores' | 'missingScores' | 'failOnBreach' | 'maxDrop'
> &
  Partial<Pick<Config, 'accountThresholds'>>

/** One line that says what happened, for the log, the step's failure and the summary heading. */
export function verdictLine(evaluation: Evaluation): string {
  const { result, breaches, accounts, failures, missing, lowestScore } = evaluation
  const lowest = lowestScore === undefined ? '' : `, lowest score ${lowestScore}`
  const parts = [...breachParts(accounts)]
  if (missing.length > 0 && result === 'failed' && breaches.length === 0) parts.push(`${plural(missing.length, 'missing score')}`)
  if (failures.length > 0) parts.push(`${failures.length} ${failures.length === 1 ? 'account or day' : 'accounts or days'} not read`)
  switch (result) {
    case 'passed':
      return `${TITLE} passed: ${plural(accounts.length, 'account')} at or above threshold${lowest}`
    case 'failed':
      return `${TITLE} failed: ${parts.join('; ')}${lowest}`
    case 'error':
      return `${TITLE} could not be checked: ${parts.join('; ')}`
    case 'pending':
      return `${TITLE} still pending: SendGrid had not finished computing scores (${parts.join('; ')})`
  }
}

/** `3 scores below threshold in 1 of 2 accounts`, and `1 of 2 accounts fell 1 or more below its best score`. */
function breachParts(accounts: AccountVerdict[]): string[] {
  let [belowThreshold, accountsBelowThreshold] = [0, 0]
  const drops: Breach[] = []
  for (const verdict of accounts) {
    const drop = verdict.worstBreaches.find((breach) => breach.metric === 'drop')
    if (drop) drops.push(drop)
    const below = verdict.breaches - (drop ? 1 : 0)
    belowThreshold += below
    if (below > 0) accountsBelowThreshold++
  }
  const parts: string[] = []
  if (belowThreshold > 0) parts.push(`${plural(belowThreshold, 'score')} below threshold in ${accountsBelowThreshold} of ${plural(accounts.length, 'account')}`)
  if (drops.length > 0)
    parts.push(`${drops.length} of ${plural(accounts.length, 'account')} fell ${drops[0]?.threshold} or more below ${drops.length === 1 ? 'its' : 'their'} best score`)
  return parts
}

const ICONS = { passed: '✅', failed: '❌', error: '⚠️', pending: '⏳' } as const

export interface RenderedSummary {
  markdown: string
  /** Rows left out to stay under GitHub's summary limit. */
  omittedRows: number
}

/**
 * The report: verdict, thresholds, the trend chart next to the table, what usually fixes each breach,
 * and what could not be read. Table rows are left out (worst accounts kept) to stay within `limitBytes`;
 * the chart and the advice come with the table rows or not at all, so rows never push them out.
 */
export function renderSummary(evaluation: Evaluation, config: ReportConfig, limitBytes = SUMMARY_LIMIT_BYTES): RenderedSummary {
  const head = [`## ${ICONS[evaluation.result]} ${escapeMarkdown(verdictLine(evaluation))}`, '', thresholdsLine(config), '', ''].join('\n')
  // Unreadable accounts may take at most a quarter of the room: the table and verdict come first.
  const problems = problemsSection(evaluation, limitBytes / 4)
  if (evaluation.rows.length === 0) return { markdown: `${head}_No scores to show._\n${problems}`, omittedRows: 0 }

  const withTrend = daysBetween(config.from, config.to) > 0
  const header = tableHeader(config, withTrend)
  const [chart, fixes] = [renderTrendChart(evaluation.accounts, config), fixesSection(evaluation)]
  const room = limitBytes - totalBytes(head, problems, header) - 400
  const extrasFit = room >= totalBytes(chart, fixes)
  const rows = extrasFit ? fittingRows(evaluation, withTrend, room - totalBytes(chart, fixes)) : []
  const omittedRows = evaluation.rows.length - rows.length
  const note =
    omittedRows > 0
      ? `\n\n_${omittedRows} more rows not shown to stay within GitHub's size limit; the worst accounts come first, and every record is in the \`report-file\` output._`
      : ''
  const table = `${[header, ...rows].join('\n')}${note}\n`
  const markdown = extrasFit ? `${head}${chart ? `${chart}\n` : ''}${table}${fixes}${problems}` : `${head}${table}${problems}`
  return { markdown, omittedRows }
}

/** The leading table rows whose lines fit in `room` bytes; rows past them are never made. */
function fittingRows(evaluation: Evaluation, withTrend: boolean, room: number): string[] {
  const lines: string[] = []
  let bytes = 0
  for (const line of tableRows(evaluation, withTrend)) {
    bytes += byteLength(line) + 1
    if (bytes > room) break
    lines.push(line)
  }
  return lines
}

/** Every table row, worst account first; an account's trend goes on its first row, the rows after it leave it empty. */
function* tableRows(evaluation: Evaluation, withTrend: boolean): Generator<string> {
  for (const verdict of evaluation.accounts) {
    let trend = withTrend ? trendMarker(verdict) : undefined
    for (const row of verdict.rows()) {
      yield tableRow(row, trend)
      if (withTrend) trend = ''
    }
  }
}

function tableHeader(config: ReportConfig, withTrend: boolean): string {
  const subjects = ['score', ...METRICS].map((subject) => LABELS[subject as Subject])
  const columns = ['Account', config.evaluate === 'average' ? 'Range' : 'Date', ...subjects, 'Status', ...(withTrend ? ['Trend'] : [])]
  const alignments = ['---', '---', ...subjects.map(() => '---:'), '---', ...(withTrend ? ['---'] : [])]
  return `| ${columns.join(' | ')} |\n|${alignments.join('|')}|`
}

function thresholdsLine(config: ReportConfig): string {
  const metrics = Object.entries(config.minMetricScores).map(([metric, min]) => `${LABELS[metric as Subject].toLowerCase()} ≥ ${min}`)
  const mode = { all: 'every day', latest: 'latest scored day per account', average: 'average per account' }[config.evaluate]
  return [
    `Checked **${rangeOf(config).replace('..', ' to ')}** (UTC)`,
    `evaluating ${mode}`,
    `score ≥ **${config.minScore}**`,
    ...metrics,
    ownThresholds(config.accountThresholds ?? []),
    config.maxDrop === undefined ? undefined : `latest score at most ${config.maxDrop} below the best`,
    `missing scores: ${config.missingScores}`,
    config.failOnBreach ? undefined : 'report only (fail-on-breach: false)'
  ]
    .filter(Boolean)
    .join(' · ')
}

/** How many account-thresholds patterns the thresholds line names before it says "and N more". */
const RULES_NAMED = 5

/** `own thresholds for transactional, promo-\* (account-thresholds)`; undefined without rules. */
function ownThresholds(rules: readonly ThresholdRule[]): string | undefined {
  if (rules.length === 0) return undefined
  const named = rules.slice(0, RULES_NAMED).map((rule) => escapeMarkdown(rule.pattern))
  const more = rules.length > RULES_NAMED ? ` and ${rules.length - RULES_NAMED} more` : ''
  return `own thresholds for ${named.join(', ')}${more} (account-thresholds)`
}

function tableRow(row: Row, trend: string | undefined): string {
  const breached = new Set<BreachMetric>(row.breaches.map((breach) => breach.metric))
  const cell = (subject: Subject, value: number | undefined): string =>
    value === undefined ? '–' : breached.has(subject) ? `**${value}** ❌` : String(value)
  const cells = [cell('score', row.score), ...METRICS.map((metric) => cell(metric, row.metrics?.[metric]))]
  const trendCell = trend === undefined ? '' : ` ${trend} |`
  return `| ${escapeMarkdown(row.account)} | ${row.date.replace('..', ' to ')} | ${cells.join(' | ')} | ${statusOf(row)} |${trendCell}`
}

/** `↗ up (3 → 4)`, `↘ down (5 → 4)`, `→ flat (4)`, or `–` with fewer than two scored days. */
export function trendMarker(account: Pick<AccountVerdict, 'scores'>): string {
  const trend = trendOf(account.scores)
  if (!trend) return '–'
  if (trend.direction === 'flat') return `→ flat (${trend.last.score})`
  return `${trend.direction === 'up' ? '↗ up' : '↘ down'} (${trend.first.score} → ${trend.last.score})`
}

function statusOf(row: Row): string {
  if (row.breaches.length > 0) return `❌ ${row.breaches.map(describeBreachShort).join(', ')}`
  if (row.missing) return '⚠️ no score'
  return '✅'
}

function describeBreachShort(breach: Breach): string {
  if (breach.best) return `dropped ${breach.value} from ${breach.best.score} (${breach.best.date})`
  return `${LABELS[breach.metric].toLowerCase()} ${breach.value} < ${breach.threshold}`
}

/** `newsletters: score 2 on 2026-11-24 is below 3` */
export function describeBreach(breach: Breach): string {
  if (breach.best) {
    const latest = Math.round((breach.best.score - breach.value) * 100) / 100
    return `${breach.account}: score fell to ${latest} on ${breach.date}, ${breach.value} below its best of ${breach.best.score} on ${breach.best.date} (max-drop ${breach.threshold})`
  }
  const when = breach.date.includes('..') ? `averages ${breach.value} over ${breach.date.replace('..', ' to ')}` : `is ${breach.value} on ${breach.date}`
  return `${breach.account}: ${LABELS[breach.metric].toLowerCase()} ${when}, below ${breach.threshold}`
}

/** Each breached metric once, with the accounts in breach (worst value each) and what usually fixes it. */
function fixesSection(evaluation: Evaluation): string {
  if (evaluation.breaches.length === 0) return ''
  const byMetric = Map.groupBy(
    evaluation.accounts.flatMap((verdict) => verdict.worstBreaches),
    (breach) => breach.metric
  )
  const entries = (Object.keys(LABELS) as BreachMetric[]).flatMap((metric) => {
    const worst = byMetric.get(metric)
    return worst ? [fixEntry(metric, worst)] : []
  })
  const docs = `How SendGrid scores each metric and how to raise it: [SendGrid Engagement Quality (SEQ) documentation](${SEQ_DOCS_URL}).`
  return `\n### What to fix\n\n${entries.join('\n')}\n${docs}\n`
}

function fixEntry(metric: BreachMetric, worst: Breach[]): string {
  const named = worst.slice(0, FIX_ACCOUNTS).map((breach) => `${escapeMarkdown(breach.account)} (${describeBreachShort(breach)})`)
  const more = worst.length > FIX_ACCOUNTS ? ` and ${worst.length - FIX_ACCOUNTS} more` : ''
  const advice = ADVICE[metric].map((line) => `- ${line}`).join('\n')
  return `**${LABELS[metric]}**: ${named.join(', ')}${more}\n${advice}\n`
}

/** Accounts that could not be read, and why; at most `limitBytes`, the rest counted. */
function problemsSection(evaluation: Evaluation, limitBytes: number): string {
  if (evaluation.failures.length === 0) return ''
  const intro = '\n### Not checked\n\nThese could not be read, so their scores are not in the table:\n\n'
  const lines: string[] = []
  let bytes = byteLength(intro) + 200
  for (const failure of evaluation.failures) {
    const what = failure.account ?? `every subuser on ${failure.date}`
    const line = `- **${escapeMarkdown(what)}** (${failure.outcome === 'pending' ? 'still pending' : 'error'}): ${escapeMarkdown(failure.message)}`
    bytes += byteLength(line) + 1
    if (bytes > limitBytes) break
    lines.push(line)
  }
  const more = evaluation.failures.length - lines.length
  if (more > 0) lines.push(`- _and ${more} more, listed in the \`report-file\` output_`)
  return `${intro}${lines.join('\n')}\n`
}

function totalBytes(...texts: string[]): number {
  return texts.reduce((sum, text) => sum + byteLength(text), 0)
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}
