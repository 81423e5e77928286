import type { AccountVerdict, Evaluation } from '../gate/evaluate.js'
import { rangeOf } from '../gate/evaluate.js'
import type { Config, ThresholdRule } from '../inputs.js'
import { PARENT_LABEL } from '../records/collection.js'
import { METRICS } from '../records/score-record.js'
import type { Wording } from '../messages.js'
import { METRIC_NAMES } from './verdict.js'

/** Sentences every format of the report says alike; `strong` sets off what matters (bold in Markdown). */

export type ReportConfig = Pick<
  Config,
  'from' | 'to' | 'evaluate' | 'minScore' | 'minMetricScores' | 'missingScores' | 'failOnBreach' | 'maxDrop'
> &
  Partial<Pick<Config, 'accountThresholds' | 'warnScore' | 'warnMetricScores' | 'warnDrop'>>

export interface Style {
  strong: (text: string) => string
  /** Text from outside (a pattern, a name) made safe to show. */
  literal: (text: string) => string
  /** How settings are named: the Action's inputs or the command line's flags. */
  wording: Wording
}

/** `Checked 2026-11-24 to 2026-11-30 (UTC) · evaluating every day · score ≥ 3 (at risk below 4) · missing scores: warn` */
export function thresholdsLine(config: ReportConfig, { strong, literal, wording }: Style): string {
  const atRisk = (level: number | undefined): string => (level === undefined ? '' : ` (at risk below ${level})`)
  const metrics = METRICS.flatMap((metric) => {
    const [min, warn] = [config.minMetricScores[metric], config.warnMetricScores?.[metric]]
    if (min === undefined) return warn === undefined ? [] : [`${METRIC_NAMES[metric]} at risk below ${warn}`]
    return [`${METRIC_NAMES[metric]} ≥ ${min}${atRisk(warn)}`]
  })
  const mode = { all: 'every day', latest: 'latest scored day per account', average: 'average per account' }[config.evaluate]
  return [
    `Checked ${strong(rangeOf(config).replace('..', ' to '))} (UTC)`,
    `evaluating ${mode}`,
    `score ≥ ${strong(String(config.minScore))}${atRisk(config.warnScore)}`,
    ...metrics,
    ownThresholds(config.accountThresholds ?? [], literal, wording),
    dropLimits(config),
    `missing scores: ${config.missingScores}`,
    config.failOnBreach ? undefined : `report only (${wording.settingTo('fail-on-breach', 'false')})`
  ]
    .filter(Boolean)
    .join(' · ')
}

/** `latest score at most 1 below the best (at risk from 0.5)`; undefined without max-drop or warn-drop. */
function dropLimits({ maxDrop, warnDrop }: Pick<ReportConfig, 'maxDrop' | 'warnDrop'>): string | undefined {
  if (maxDrop === undefined) return warnDrop === undefined ? undefined : `at risk when the latest score is ${warnDrop} or more below the best`
  return `latest score at most ${maxDrop} below the best${warnDrop === undefined ? '' : ` (at risk from ${warnDrop})`}`
}

/** Whether any warning level is set, so that the reports explain what at risk means only where it can happen. */
export function warnsAtAll(config: ReportConfig): boolean {
  const rules = config.accountThresholds ?? []
  const named = (levels: Partial<Record<string, number>> | undefined): boolean => Object.keys(levels ?? {}).length > 0
  return config.warnScore !== undefined || config.warnDrop !== undefined || named(config.warnMetricScores) || rules.some((rule) => rule.warnScore !== undefined || named(rule.warnMetricScores))
}

/** How many account-thresholds patterns the thresholds line names before it says "and N more". */
const RULES_NAMED = 5

/** `own thresholds for transactional, promo-* (account-thresholds)`; undefined without rules. */
function ownThresholds(rules: readonly ThresholdRule[], literal: (text: string) => string, wording: Wording): string | undefined {
  if (rules.length === 0) return undefined
  const named = rules.slice(0, RULES_NAMED).map((rule) => literal(rule.pattern))
  const more = rules.length > RULES_NAMED ? ` and ${rules.length - RULES_NAMED} more` : ''
  return `own thresholds for ${named.join(', ')}${more} (${wording.setting('account-thresholds')})`
}

/** Which scores an account lacks, and what that likely means when SendGrid's answer said more. */
export function missingText(verdict: AccountVerdict, config: Pick<ReportConfig, 'evaluate'>, literal: (text: string) => string): string {
  return `${missingDays(verdict, config)}${verdict.note ? `. ${literal(verdict.note)}` : ''}`
}

/** `no score in the range`, `no score on 2026-11-29`, `no score on 5 of 14 days`. */
function missingDays(verdict: AccountVerdict, config: Pick<ReportConfig, 'evaluate'>): string {
  if (config.evaluate !== 'all' || verdict.missing === verdict.judged) return 'no score in the range'
  const days = verdict.rows().flatMap((row) => (row.missing ? [row.date] : []))
  return days.length <= 3 ? `no score on ${days.join(', ')}` : `no score on ${days.length} of ${verdict.judged} days`
}

/**
 * The key's own account, the parent of the subusers, as the run read its name: a run that did not
 * check it does not know the name.
 */
export function parentName(evaluation: Pick<Evaluation, 'accounts'>): string {
  return evaluation.accounts.find((verdict) => verdict.parent)?.account ?? PARENT_LABEL
}

/** What at risk means, wherever a report explains it. */
export const AT_RISK_MEANS = 'below a warning level, not a threshold'
/** What the At risk section says before it lists the accounts. */
export const AT_RISK_INTRO = `Each is ${AT_RISK_MEANS}: one step from failing. Warnings never fail the run.`

/** Why a score may be missing, unless SendGrid's answer said more. */
export const NOT_ELIGIBLE = 'SendGrid scores only accounts with open tracking on that sent about 1,000 messages in the last 30 days.'

export function capitalized(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`
}
