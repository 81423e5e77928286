import type { Collection } from './collect.js'
import { rangeOf, type Breach, type Evaluation, type Row, type Subject } from './evaluate.js'
import type { Config } from './inputs.js'
import { METRICS, type ScoreRecord } from './records.js'

/** GitHub refuses a job summary over 1 MiB and an output over 1 MB; stay clear of both. */
export const SUMMARY_LIMIT_BYTES = 1_000_000
export const OUTPUT_LIMIT_BYTES = 900_000

const TITLE = 'SendGrid engagement quality'
const LABELS: Record<Subject, string> = {
  score: 'Score',
  engagement_recency: 'Engagement recency',
  open_rate: 'Open rate',
  bounce_classification: 'Bounce classification',
  bounce_rate: 'Bounce rate',
  spam_rate: 'Spam rate'
}

export type ReportConfig = Pick<Config, 'from' | 'to' | 'evaluate' | 'minScore' | 'minMetricScores' | 'missingScores' | 'failOnBreach'>

/** One line that says what happened, for the log, the step's failure and the summary heading. */
export function verdictLine(evaluation: Evaluation): string {
  const { result, breaches, accounts, failures, missing, lowestScore } = evaluation
  const lowest = lowestScore === undefined ? '' : `, lowest score ${lowestScore}`
  const breachedAccounts = accounts.filter((account) => account.breaches > 0).length
  const parts: string[] = []
  if (breaches.length > 0)
    parts.push(`${plural(breaches.length, 'score')} below threshold in ${breachedAccounts} of ${plural(accounts.length, 'account')}`)
  if (missing.length > 0 && result === 'failed' && breaches.length === 0) parts.push(`${plural(missing.length, 'missing score')}`)
  if (failures.length > 0) parts.push(`${plural(failures.length, 'request')} failed or still pending`)
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

const ICONS = { passed: '✅', failed: '❌', error: '⚠️', pending: '⏳' } as const

export interface RenderedSummary {
  markdown: string
  /** Rows left out to stay under GitHub's summary limit. */
  omittedRows: number
}

export function renderSummary(evaluation: Evaluation, config: ReportConfig, limitBytes = SUMMARY_LIMIT_BYTES): RenderedSummary {
  const head = [
    `## ${ICONS[evaluation.result]} ${escape(verdictLine(evaluation))}`,
    '',
    thresholdsLine(config),
    '',
    ''
  ].join('\n')
  const problems = problemsSection(evaluation)
  const table = [`| Account | ${config.evaluate === 'average' ? 'Range' : 'Date'} | ${['score', ...METRICS].map((s) => LABELS[s as Subject]).join(' | ')} | Status |`,
    `|---|---|${'---:|'.repeat(METRICS.length + 1)}---|`]
  let bytes = byteLength(head) + byteLength(problems) + byteLength(table.join('\n')) + 400
  let shown = 0
  for (const row of evaluation.rows) {
    const line = tableRow(row)
    bytes += byteLength(line) + 1
    if (bytes > limitBytes) break
    table.push(line)
    shown++
  }
  const omittedRows = evaluation.rows.length - shown
  const note =
    omittedRows > 0
      ? `\n\n_${omittedRows} more rows not shown (GitHub limits a summary to 1 MiB); the worst accounts come first, and every record is in the \`scores\` output._`
      : ''
  const body = evaluation.rows.length > 0 ? `${table.join('\n')}${note}\n` : '_No scores to show._\n'
  return { markdown: `${head}${body}${problems}`, omittedRows }
}

function thresholdsLine(config: ReportConfig): string {
  const metrics = Object.entries(config.minMetricScores).map(([metric, min]) => `${LABELS[metric as Subject].toLowerCase()} ≥ ${min}`)
  const mode = { all: 'every day', latest: 'latest scored day per account', average: 'average per account' }[config.evaluate]
  return [
    `Checked **${rangeOf(config).replace('..', ' to ')}** (UTC)`,
    `evaluating ${mode}`,
    `score ≥ **${config.minScore}**`,
    ...metrics,
    `missing scores: ${config.missingScores}`,
    config.failOnBreach ? undefined : 'report only (fail-on-breach: false)'
  ]
    .filter(Boolean)
    .join(' · ')
}

function tableRow(row: Row): string {
  const breached = new Set(row.breaches.map((breach) => breach.metric))
  const cell = (subject: Subject, value: number | undefined): string =>
    value === undefined ? '–' : breached.has(subject) ? `**${value}** ❌` : String(value)
  const cells = [cell('score', row.score), ...METRICS.map((metric) => cell(metric, row.metrics?.[metric]))]
  return `| ${escape(row.account)} | ${row.date.replace('..', ' to ')} | ${cells.join(' | ')} | ${statusOf(row)} |`
}

function statusOf(row: Row): string {
  if (row.breaches.length > 0) return `❌ ${row.breaches.map(describeBreachShort).join(', ')}`
  if (row.missing) return '⚠️ no score'
  return '✅'
}

function describeBreachShort(breach: Breach): string {
  return `${LABELS[breach.metric].toLowerCase()} ${breach.value} < ${breach.threshold}`
}

/** `newsletters: score 2 on 2026-11-24 is below 3` */
export function describeBreach(breach: Breach): string {
  const when = breach.date.includes('..') ? `averages ${breach.value} over ${breach.date.replace('..', ' to ')}` : `is ${breach.value} on ${breach.date}`
  return `${breach.account}: ${LABELS[breach.metric].toLowerCase()} ${when}, below ${breach.threshold}`
}

function problemsSection(evaluation: Evaluation): string {
  if (evaluation.failures.length === 0) return ''
  const lines = evaluation.failures.map((failure) => {
    const what = failure.account ?? `every subuser on ${failure.date}`
    return `- **${escape(what)}** (${failure.outcome === 'pending' ? 'still pending' : 'error'}): ${escape(failure.message)}`
  })
  return `\n### Not checked\n\nThese could not be read, so their scores are not in the table:\n\n${lines.join('\n')}\n`
}

export interface Outputs {
  passed: string
  result: string
  'lowest-score': string
  failures: string
  missing: string
  scores: string
}

export interface BuiltOutputs {
  outputs: Outputs
  /** Records left out of `scores` to stay under GitHub's output limit. */
  omittedRecords: number
}

export function buildOutputs(evaluation: Evaluation, collection: Collection, limitBytes = OUTPUT_LIMIT_BYTES): BuiltOutputs {
  const { json: scores, omitted } = boundedJsonArray(recordsWorstFirst(evaluation, collection), limitBytes)
  return {
    outputs: {
      passed: String(evaluation.result === 'passed'),
      result: evaluation.result,
      'lowest-score': evaluation.lowestScore === undefined ? '' : String(evaluation.lowestScore),
      failures: JSON.stringify(evaluation.breaches),
      missing: JSON.stringify(evaluation.missing),
      scores
    },
    omittedRecords: omitted
  }
}

function recordsWorstFirst(evaluation: Evaluation, collection: Collection): ScoreRecord[] {
  const rank = new Map(evaluation.accounts.map((account, index) => [account.account, index]))
  return collection.records
    .map((record) => ({ account: record.account, user_id: record.user_id, date: record.date, score: record.score, metrics: record.metrics }))
    .sort((a, b) => (rank.get(a.account) ?? 0) - (rank.get(b.account) ?? 0) || a.date.localeCompare(b.date))
}

/** A JSON array of as many leading `items` as fit in `limitBytes`. */
export function boundedJsonArray(items: unknown[], limitBytes: number): { json: string; omitted: number } {
  const parts: string[] = []
  let bytes = 2
  for (const item of items) {
    const part = JSON.stringify(item)
    bytes += byteLength(part) + 1
    if (bytes > limitBytes) break
    parts.push(part)
  }
  return { json: `[${parts.join(',')}]`, omitted: items.length - parts.length }
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8')
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}

/** Keeps account names and messages from breaking out of a table cell or into HTML. */
function escape(text: string): string {
  return text.replace(/[\\|`*_<>[\]]/g, (char) => `\\${char}`).replace(/\r?\n/g, ' ')
}
