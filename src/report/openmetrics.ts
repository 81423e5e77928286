import type { AccountVerdict, Evaluation, Result } from '../gate/evaluate.js'
import type { DailyScore } from '../gate/trends.js'
import type { Thresholds } from '../gate/thresholds.js'
import { METRICS, type Metric, type Metrics, type ScoreRecord } from '../records/score-record.js'
import { inChunks } from './bytes.js'
import { parentName } from './phrases.js'

/**
 * The run as OpenMetrics text, for dashboards: the node_exporter textfile collector, a Pushgateway,
 * anything that reads Prometheus' exposition formats. Gauges only, without sample timestamps (the
 * textfile collector refuses them): the run's result, and per account its latest scored day's
 * score and metrics, that day as a Unix time, its lowest score, whether it breaches, and the
 * thresholds it is held to. A value an account does not have (no score, not read) is left out
 * rather than made up. docs/cli.md lists every name.
 */

/** Every result `seq_check_result` has a sample for: 1 for the run's, 0 for the others. */
const RESULTS: readonly Result[] = ['passed', 'failed', 'error', 'pending']

/** What one account's gauges show. */
interface AccountGauges {
  /** `account="…",parent="…"`, escaped. */
  labels: string
  latest?: LatestDay
  lowest?: number
  /** Absent when the account could not be read. */
  breach?: boolean
  thresholds: Thresholds
}

/** The account's latest scored day: its score, its metrics when it has them, and its start as a Unix time. */
interface LatestDay {
  score: number
  metrics?: Metrics
  seconds: number
}

/** A metric family: its name, its help, and its samples (`{labels} value`), written together as OpenMetrics requires. */
interface Family {
  name: string
  help: string
  unit?: string
  samples: (account: AccountGauges) => Iterable<[labels: string, value: number]>
}

const FAMILIES: readonly Family[] = [
  {
    name: 'seq_latest_score',
    help: "Overall engagement quality score (1 to 5) on the account's latest scored day in the range.",
    samples: ({ labels, latest }) => (latest ? [[labels, latest.score]] : [])
  },
  {
    name: 'seq_latest_metric_score',
    help: "Score (1 to 5) of each of SendGrid's five metrics on the account's latest scored day in the range.",
    samples: ({ labels, latest }) => METRICS.flatMap((metric) => (latest?.metrics ? [[metricLabels(labels, metric), latest.metrics[metric]]] : []))
  },
  {
    name: 'seq_latest_score_timestamp_seconds',
    help: "Start (00:00 UTC) of the account's latest scored day in the range, as a Unix time.",
    unit: 'seconds',
    samples: ({ labels, latest }) => (latest ? [[labels, latest.seconds]] : [])
  },
  {
    name: 'seq_lowest_score',
    help: "Lowest daily overall score in the range.",
    samples: ({ labels, lowest }) => (lowest === undefined ? [] : [[labels, lowest]])
  },
  {
    name: 'seq_breach',
    help: 'Whether the account breaches a threshold or max-drop in the range: 1 or 0; absent when it could not be read.',
    samples: ({ labels, breach }) => (breach === undefined ? [] : [[labels, breach ? 1 : 0]])
  },
  {
    name: 'seq_min_score',
    help: "Lowest acceptable overall score for the account: its account-thresholds rule's, else min-score.",
    samples: ({ labels, thresholds }) => [[labels, thresholds.minScore]]
  },
  {
    name: 'seq_min_metric_score',
    help: "Lowest acceptable score of each metric with a threshold for the account: its account-thresholds rule's, else min-metric-scores.",
    samples: ({ labels, thresholds }) =>
      METRICS.flatMap((metric) => {
        const threshold = thresholds.minMetricScores[metric]
        return threshold === undefined ? [] : [[metricLabels(labels, metric), threshold]]
      })
  }
]

export interface OpenMetricsOptions {
  /** Every text from outside (account names) passes through it: the API key never reaches the file. */
  redact: (text: string) => string
}

/** The exposition a chunk at a time; each account is read from the store once, whatever the number of families. */
export function openMetricsText(evaluation: Evaluation, { redact }: OpenMetricsOptions): Generator<string> {
  return inChunks(openMetricsPieces(evaluation, redact))
}

function* openMetricsPieces(evaluation: Evaluation, redact: (text: string) => string): Generator<string> {
  // The parent on every series, the run's result too: two runs' files in one textfile folder must not collide.
  const parent = `parent="${escapeLabelValue(redact(parentName(evaluation)))}"`
  yield familyHead('seq_check_result', 'How the check ended: 1 for its result (passed, failed, error or pending), 0 for the others.')
  for (const result of RESULTS) yield `seq_check_result{${parent},result="${result}"} ${result === evaluation.result ? 1 : 0}\n`
  const { accounts } = evaluation
  const scores = new ScoresRead(accounts)
  for (const family of FAMILIES) {
    yield familyHead(family.name, family.help, family.unit)
    for (const [index, verdict] of accounts.entries()) {
      const gauges = scores.gaugesOf(index, verdict, `account="${escapeLabelValue(redact(verdict.account))}",${parent}`)
      for (const [labels, value] of family.samples(gauges)) yield `${family.name}{${labels}} ${value}\n`
    }
  }
  yield '# EOF\n'
}

/** Where each number lies in an account's row of ScoresRead. */
const SCORE = 0
const FIRST_METRIC = 1
const SECONDS = FIRST_METRIC + METRICS.length
const LOWEST = SECONDS + 1
const ROW = LOWEST + 1

/**
 * Each account's latest scored day and lowest score, read from the store once for every family, and
 * kept as numbers (NaN where there is none): an object per account, for 100,000 of them, would grow
 * the heap by 20 MB while the file is written.
 */
class ScoresRead {
  private readonly rows: Float64Array

  constructor(accounts: AccountVerdict[]) {
    this.rows = new Float64Array(accounts.length * ROW).fill(Number.NaN)
    accounts.forEach((verdict, index) => this.read(verdict, index * ROW))
  }

  gaugesOf(index: number, verdict: AccountVerdict, labels: string): AccountGauges {
    const row = this.rows.subarray(index * ROW, (index + 1) * ROW)
    const known = (value: number | undefined): number | undefined => (value === undefined || Number.isNaN(value) ? undefined : value)
    const score = known(row[SCORE])
    const metricsKnown = !Number.isNaN(row[FIRST_METRIC])
    const metrics = metricsKnown ? (Object.fromEntries(METRICS.map((metric, at) => [metric, row[FIRST_METRIC + at]])) as Metrics) : undefined
    const latest = score === undefined ? undefined : { score, metrics, seconds: row[SECONDS] as number }
    return { labels, latest, lowest: known(row[LOWEST]), breach: verdict.failure ? undefined : verdict.breaches > 0, thresholds: verdict.thresholds }
  }

  private read(verdict: AccountVerdict, at: number): void {
    let latest: (ScoreRecord & DailyScore) | undefined
    let lowest = Number.NaN
    for (const record of verdict.records()) {
      if (record.score === undefined) continue
      latest = record as ScoreRecord & DailyScore
      if (Number.isNaN(lowest) || record.score < lowest) lowest = record.score
    }
    if (!latest) return
    this.rows[at + SCORE] = latest.score
    const { metrics } = latest
    if (metrics) METRICS.forEach((metric, index) => (this.rows[at + FIRST_METRIC + index] = metrics[metric]))
    this.rows[at + SECONDS] = Date.parse(`${latest.date}T00:00:00Z`) / 1000
    this.rows[at + LOWEST] = lowest
  }
}

function familyHead(name: string, help: string, unit?: string): string {
  return `# HELP ${name} ${help}\n# TYPE ${name} gauge\n${unit ? `# UNIT ${name} ${unit}\n` : ''}`
}

function metricLabels(labels: string, metric: Metric): string {
  return `${labels},metric="${metric}"`
}

/** A label's value between double quotes: backslash, double quote and line feed escaped, as OpenMetrics and Prometheus' text format both read them. */
export function escapeLabelValue(text: string): string {
  return text.replace(/[\\"\n]/g, (char) => (char === '\n' ? '\\n' : `\\${char}`))
}
