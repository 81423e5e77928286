import type { Config, ThresholdRule } from '../inputs.js'

/** What an account is held to: the overall score and the metrics named, and the warning levels beside them. */
export type Thresholds = Pick<Config, 'minScore' | 'minMetricScores'> & Partial<Pick<Config, 'warnScore' | 'warnMetricScores'>>

/** An account's thresholds, and the account-thresholds rule that set them; no rule: min-score, min-metric-scores and their warning levels. */
export interface AppliedThresholds {
  thresholds: Thresholds
  rule?: ThresholdRule
}

/** A rule that set no account's thresholds, and why. */
export interface UnusedRule {
  rule: ThresholdRule
  /** It matches checked accounts, but each took the thresholds of an earlier rule. */
  shadowed: boolean
}

/**
 * Each account's thresholds: the first rule whose pattern matches the account sets them, and what
 * it does not name, failing level or warning level, comes from `defaults`. Each rule's thresholds
 * are made once and shared by its accounts.
 */
export function thresholdsFor(rules: readonly ThresholdRule[], defaults: Thresholds): (account: string) => AppliedThresholds {
  const { minScore, minMetricScores, warnScore, warnMetricScores = {} } = defaults
  const fallback: AppliedThresholds = { thresholds: { minScore, minMetricScores, warnScore, warnMetricScores } }
  const applied = rules.map((rule): Required<AppliedThresholds> => ({
    rule,
    thresholds: {
      minScore: rule.minScore ?? minScore,
      minMetricScores: { ...minMetricScores, ...rule.minMetricScores },
      warnScore: rule.warnScore ?? warnScore,
      warnMetricScores: { ...warnMetricScores, ...rule.warnMetricScores }
    }
  }))
  return (account) => applied.find(({ rule }) => patternMatches(rule.pattern, account)) ?? fallback
}

/**
 * Whether `account` matches `pattern`, where `*` stands for any run of characters (none included)
 * and every other character for itself. Walks both once, going back only to the last `*`, so no
 * pattern can make it slow (as `a*a*a*a*b` can a regular expression).
 */
export function patternMatches(pattern: string, account: string): boolean {
  let [p, a] = [0, 0]
  let star = -1
  let resume = 0
  while (a < account.length) {
    if (pattern[p] === '*') {
      star = p++
      resume = a
    } else if (p < pattern.length && pattern[p] === account[a]) {
      p++
      a++
    } else if (star >= 0) {
      // Let the last `*` take one more character, and match the rest again from there.
      p = star + 1
      a = ++resume
    } else {
      return false
    }
  }
  while (pattern[p] === '*') p++
  return p === pattern.length
}

/** The rules that set no checked account's thresholds, in the order they were written. */
export function unusedRules(rules: readonly ThresholdRule[], accounts: readonly { account: string; rule?: ThresholdRule }[]): UnusedRule[] {
  const used = new Set(accounts.map((verdict) => verdict.rule?.line))
  return rules
    .filter((rule) => !used.has(rule.line))
    .map((rule) => ({ rule, shadowed: accounts.some(({ account }) => patternMatches(rule.pattern, account)) }))
}

/** The warning for a rule that set no account's thresholds: it names the line and what to check. */
export function describeUnusedRule({ rule, shadowed }: UnusedRule): string {
  const which = `account-thresholds line ${rule.line} (${rule.pattern})`
  if (shadowed) return `${which} sets no account's thresholds: every account it matches takes those of an earlier line. Move it above them, or narrow the earlier line.`
  return `${which} matches no checked account; check the name (a subuser username, account-id <id> or the parent's username, with * for any run of characters).`
}
