import { sumOf, type Breach, type BreachMetric, type Evaluation, type Subject, type Warning } from '../gate/evaluate.js'
import { round2 } from '../gate/trends.js'
import type { Config, EvaluateMode } from '../inputs.js'
import type { Failure } from '../records/collection.js'
import { METRICS } from '../records/score-record.js'

export const TITLE = 'SendGrid engagement quality'

/** How each metric is named in sentences. */
export const METRIC_NAMES: Record<BreachMetric, string> = {
  score: 'score',
  engagement_recency: 'engagement recency',
  open_rate: 'open rate',
  bounce_classification: 'bounce classification',
  bounce_rate: 'bounce rate',
  spam_rate: 'spam rate',
  drop: 'drop from best'
}

const SUBJECTS: readonly Subject[] = ['score', ...METRICS]

/**
 * One line that says what happened, for the log, the step's failure and the summary heading. Each
 * kind of breach is counted apart (`2 of 51 accounts below threshold: score on 4 days in 2 accounts,
 * spam rate on 2 days in 1 account`), then drops, missing scores, what could not be read and the
 * accounts at risk.
 */
export function verdictLine(evaluation: Evaluation, config: VerdictConfig): string {
  const { result, accounts, failures, lowestScore, atRisk } = evaluation
  const lowest = lowestScore === undefined ? '' : `, lowest score ${lowestScore}`
  const risk = atRisk > 0 ? [`${someOf(atRisk, accounts.length)} at risk`] : []
  const parts = [...breachParts(evaluation, config.evaluate), ...missingParts(evaluation, config), ...failureParts(failures), ...risk]
  const unscored = accounts.filter((verdict) => !verdict.failure && verdict.missing === verdict.judged && verdict.judged > 0).length
  switch (result) {
    case 'passed':
      return `${TITLE} passed: ${plural(accounts.length - unscored, 'account')} at or above threshold${atRisk > 0 ? `, ${atRisk} at risk` : ''}${unscored > 0 ? `, ${unscored} without a score` : ''}${lowest}`
    case 'failed':
      return `${TITLE} failed: ${parts.join('; ')}${lowest.replace(',', ';')}`
    case 'error':
      return `${TITLE} could not be checked: ${parts.join('; ')}`
    case 'pending':
      return `${TITLE} still pending: SendGrid had not finished computing scores (${parts.join('; ')})`
  }
}

/** How the accounts were judged (every day, latest, average), and what a missing score does. */
export type VerdictConfig = Pick<Config, 'evaluate' | 'missingScores'>

function breachParts({ accounts }: Evaluation, mode: EvaluateMode): string[] {
  const kinds = SUBJECTS.flatMap((subject) => {
    const breaching = accounts.filter((verdict) => verdict.breachCounts[subject] !== undefined)
    if (breaching.length === 0) return []
    const what = mode === 'average' ? `average ${METRIC_NAMES[subject]}` : METRIC_NAMES[subject]
    const days = mode === 'all' ? ` on ${plural(sumOf(breaching, (verdict) => verdict.breachCounts[subject] ?? 0), 'day')}` : ''
    return [`${what}${days}${accounts.length === 1 ? '' : ` in ${plural(breaching.length, 'account')}`}`]
  })
  const below = accounts.filter((verdict) => verdict.below > 0).length
  const parts = below > 0 ? [`${someOf(below, accounts.length)} below threshold: ${kinds.join(', ')}`] : []
  const drops = accounts.flatMap((verdict) => verdict.worstBreaches.filter((breach) => breach.metric === 'drop'))
  if (drops.length > 0)
    parts.push(`${someOf(drops.length, accounts.length)} fell ${drops[0]?.threshold} or more below ${drops.length === 1 ? 'its' : 'their'} best score`)
  return parts
}

/** Missing scores count in the verdict only where they fail it. */
function missingParts({ accounts, missing }: Evaluation, { evaluate: mode, missingScores }: VerdictConfig): string[] {
  if (missingScores !== 'fail' || missing.length === 0) return []
  const without = accounts.filter((verdict) => verdict.missing > 0).length
  if (mode !== 'all') return [`${someOf(without, accounts.length)} without a score`]
  return [`no score on ${plural(missing.length, 'day')} in ${someOf(without, accounts.length)}`]
}

/** Accounts and listing days apart: "1 account not read" never stands for a day of the listing. */
function failureParts(failures: Failure[]): string[] {
  const accounts = failures.filter((failure) => failure.account !== undefined).length
  const days = failures.length - accounts
  return [
    ...(accounts > 0 ? [`${plural(accounts, 'account')} not read`] : []),
    ...(days > 0 ? [`the subuser listing not read on ${plural(days, 'day')}`] : [])
  ]
}

/** `2 of 51 accounts`, or `1 account` when only one was checked. */
function someOf(count: number, total: number): string {
  return total === 1 ? plural(count, 'account') : `${count} of ${plural(total, 'account')}`
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}

/** `newsletters: score is 2 on 2026-11-24, below 3`: one breach in a sentence, for annotations. */
export function describeBreach(breach: Breach): string {
  return describeFinding(breach, `below ${breach.threshold}`, `max-drop ${breach.threshold}`)
}

/** `newsletters: score is 3.5 on 2026-11-24, below its warning level 4`: one warning in a sentence. */
export function describeWarning(warning: Warning): string {
  return describeFinding(warning, `below its warning level ${warning.level}`, `warn-drop ${warning.level}`)
}

function describeFinding(finding: Breach | Warning, below: string, dropLevel: string): string {
  if (finding.best) {
    const latest = round2(finding.best.score - finding.value)
    return `${finding.account}: score fell to ${latest} on ${finding.date}, ${finding.value} below its best of ${finding.best.score} on ${finding.best.date} (${dropLevel})`
  }
  const when = finding.date.includes('..') ? `averages ${finding.value} over ${finding.date.replace('..', ' to ')}` : `is ${finding.value} on ${finding.date}`
  return `${finding.account}: ${METRIC_NAMES[finding.metric]} ${when}, ${below}`
}
