import { daysBetween } from '../dates.js'
import { causeOf, type Cause } from '../gate/causes.js'
import type { AccountVerdict, Breach, BreachMetric, Evaluation, Row, Warning } from '../gate/evaluate.js'
import { round2 } from '../gate/trends.js'
import type { EvaluateMode } from '../inputs.js'
import { METRICS } from '../records/score-record.js'
import { ADVICE } from './advice.js'
import { capitalized, type Style } from './phrases.js'
import { METRIC_NAMES } from './verdict.js'

/** "What to fix" and "At risk" name at most this many accounts each, worst first, then count the rest. */
export const FIX_ACCOUNTS = 20

/** One account in breach: what fails, when, and which metrics' advice applies. */
export interface Fix {
  account: string
  parent: boolean
  problems: Problem[]
  /** Each metric whose advice applies, once: those in breach, and what pulled the score down or made it drop. */
  advice: BreachMetric[]
}

/** One account at risk: what is below its warning level, and when. */
export type Risk = Pick<Fix, 'account' | 'parent' | 'problems'>

/** One metric (or the overall score, or a drop) in breach for one account, or for an account at risk below its warning level. */
export interface Problem {
  metric: BreachMetric
  /** The lowest value in breach, or below its warning level (for a drop: the largest drop). */
  worst: Breach | Warning
  /** Each day it was in breach (or below its warning level), oldest first: under `average`, the range. */
  dates: string[]
  /** Rows judged: the days of the range under `all`. */
  judged: number
  /** Whether the values differ from day to day (then `worst` is the lowest of them). */
  varied: boolean
  /** For the score, its lowest metric on its worst day; for a drop, the metric that fell most. */
  cause?: Cause
}

/** The accounts in breach, worst first, at most `limit`; `more` counts the rest. */
export function fixesOf(evaluation: Pick<Evaluation, 'accounts'>, limit = FIX_ACCOUNTS): { fixes: Fix[]; more: number } {
  const breaching = evaluation.accounts.filter((verdict) => verdict.breaches > 0)
  return { fixes: breaching.slice(0, limit).map(fixOf), more: Math.max(breaching.length - limit, 0) }
}

/** The accounts at risk (a warning, no breach), worst first, at most `limit`; `more` counts the rest. */
export function risksOf(evaluation: Pick<Evaluation, 'accounts'>, limit = FIX_ACCOUNTS): { risks: Risk[]; more: number } {
  const atRisk = evaluation.accounts.filter((verdict) => verdict.atRisk)
  const riskOf = (verdict: AccountVerdict): Risk => ({ account: verdict.account, parent: verdict.parent, problems: problemsOf(verdict, verdict.worstWarnings, (row) => row.warnings) })
  return { risks: atRisk.slice(0, limit).map(riskOf), more: Math.max(atRisk.length - limit, 0) }
}

/** What fails for one account in breach, and which advice applies. */
export function fixOf(verdict: AccountVerdict): Fix {
  const problems = problemsOf(verdict, verdict.worstBreaches, (row) => row.breaches)
  return { account: verdict.account, parent: verdict.parent, problems, advice: adviceOf(problems) }
}

/** A problem for each of `worstFindings` (the worst breach or warning of each metric), with every row's findings of that metric. */
function problemsOf(verdict: AccountVerdict, worstFindings: readonly (Breach | Warning)[], findingsOf: (row: Row) => (Breach | Warning)[]): Problem[] {
  const rows = verdict.rows()
  const problems = worstFindings.map((worst): Problem => {
    const found = rows.flatMap((row) => findingsOf(row).filter((finding) => finding.metric === worst.metric))
    const dates = found.map((finding) => finding.date)
    const varied = found.some((finding) => finding.value !== worst.value)
    return { metric: worst.metric, worst, dates, judged: rows.length, varied, cause: causeOf(worst, rows, verdict) }
  })
  return problems.sort((a, b) => ORDER.indexOf(a.metric) - ORDER.indexOf(b.metric))
}

/** Metrics first, then the score they pull down, then a drop. */
const ORDER: readonly BreachMetric[] = [...METRICS, 'score', 'drop']

/**
 * Each fix's advice, a line per metric: in full the first time it comes, after that where it stands,
 * so that twenty accounts with the same problem stay short.
 */
export function adviceLines(fixes: Fix[], literal: (text: string) => string): string[][] {
  return fixes.map(adviser(literal))
}

/**
 * Gives one fix after another its advice, a line per metric: in full the first `inFull` times a
 * metric comes, after that where it stands (`as for newsletters above`).
 */
export function adviser(literal: (text: string) => string, inFull = 1): (fix: Fix) => string[] {
  const given = new Map<BreachMetric, { first: string; times: number }>()
  return (fix) =>
    fix.advice.map((metric) => {
      const earlier = given.get(metric) ?? { first: fix.account, times: 0 }
      given.set(metric, earlier)
      earlier.times++
      return `${capitalized(METRIC_NAMES[metric])}: ${earlier.times <= inFull ? ADVICE[metric].join(' ') : `as for ${literal(earlier.first)} above.`}`
    })
}

/** The score's own advice only when no metric explains it. */
function adviceOf(problems: Problem[]): BreachMetric[] {
  const metrics = problems.map((problem) => problem.cause?.metric ?? problem.metric)
  return ORDER.filter((metric) => metrics.includes(metric))
}

/**
 * What fails for one account, in words: the problems that fall on the same days share them (`spam
 * rate 1 (min 3) and score 2 (min 3) from 2026-11-28 to 2026-11-30, 3 of 14 days`), metrics before
 * the score they pull down, and a drop last. What puts an account at risk reads alike, each value
 * with its warning level (`spam rate 3 (at risk below 4)`).
 */
export function describeProblems(problems: Problem[], mode: EvaluateMode, style: Pick<Style, 'strong' | 'wording'>): string {
  const groups = new Map<string, Problem[]>()
  for (const problem of problems) {
    const key = problem.metric === 'drop' ? 'drop' : problem.dates.join()
    groups.set(key, [...(groups.get(key) ?? []), problem])
  }
  return [...groups.values()]
    .map((group) => {
      const [first] = group as [Problem]
      if (first.metric === 'drop') return describeDrop(first, style)
      const items = group.map((problem) => describeValue(problem, mode, style, group))
      return `${listed(items)} ${when(first, mode)}`
    })
    .join('; ')
}

/** `spam rate as low as 1 (min 3)`; for the score, its lowest metric unless that is named beside it. */
function describeValue(problem: Problem, mode: EvaluateMode, { strong }: Pick<Style, 'strong'>, beside: Problem[]): string {
  const { worst, metric, cause, varied } = problem
  const name = `${mode === 'average' ? 'average ' : ''}${METRIC_NAMES[metric]}`
  const lowestMetric = cause && !beside.some((other) => other.metric === cause.metric) ? `, lowest metric: ${METRIC_NAMES[cause.metric]} ${cause.value}` : ''
  const level = 'level' in worst ? `at risk below ${worst.level}` : `min ${worst.threshold}`
  return `${name} ${varied ? 'as low as ' : ''}${strong(String(worst.value))} (${level}${lowestMetric})`
}

function describeDrop({ worst, cause }: Problem, { strong, wording }: Pick<Style, 'strong' | 'wording'>): string {
  const best = worst.best as NonNullable<Breach['best']>
  const latest = round2(best.score - worst.value)
  const fell = cause ? `; ${METRIC_NAMES[cause.metric]} fell most, from ${cause.from} to ${cause.value}` : ''
  const level = 'level' in worst ? `${wording.setting('warn-drop')} ${worst.level}` : `${wording.setting('max-drop')} ${worst.threshold}`
  return `score fell ${strong(String(worst.value))} to ${latest} on ${worst.date} from its best of ${best.score} on ${best.date} (${level})${fell}`
}

function when({ dates, judged }: Problem, mode: EvaluateMode): string {
  const [first = '', last = first] = mode === 'average' ? (dates[0]?.split('..') ?? []) : [dates[0], dates.at(-1)]
  if (mode === 'average') return first === last ? `on ${first}` : `over ${first} to ${last}`
  if (mode === 'latest') return `on ${first}, its latest scored day`
  if (dates.length === 1) return `on ${first}`
  const share = `${dates.length} of ${judged} days`
  if (daysBetween(first, last) + 1 === dates.length) return `from ${first} to ${last}, ${dates.length === judged ? 'every day' : share}`
  if (dates.length <= 3) return `on ${listed(dates)}`
  return `on ${share} between ${first} and ${last}`
}

/** `a`, `a and b`, `a, b and c`. */
export function listed(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`
}
