import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { evaluate, type EvaluationConfig } from '../src/gate/evaluate.js'
import { describeUnusedRule, patternMatches, thresholdsFor, unusedRules, type Thresholds } from '../src/gate/thresholds.js'
import { InputError, parseConfig, parseThresholdRules, type ThresholdRule } from '../src/inputs.js'
import { RecordStore } from '../src/records/record-store.js'
import { METRICS, type Metric } from '../src/records/score-record.js'
import { renderSummary, type ReportConfig } from '../src/report/summary.js'
import { rec } from './support/records.js'

/** account-thresholds: the rule parser, the pattern matcher, and accounts judged by their own rule. */

const KEY = 'SG.test-key.abc'
const D1 = '2025-06-01'
const D2 = '2025-06-02'

const rule = (line: number, pattern: string, minScore?: number, minMetricScores: Partial<Record<Metric, number>> = {}): ThresholdRule => ({
  line,
  pattern,
  minScore,
  minMetricScores,
  warnMetricScores: {}
})

describe('parseThresholdRules', () => {
  it('reads one rule a line: an account pattern, then thresholds; account-id normalized, blank lines skipped but counted', () => {
    const text = ['transactional: min-score=4, spam_rate=5', '', '  promo-*:min-score = 2 ', 'ACCOUNT-ID   8001: bounce_rate=4,', 'a:b: open_rate=1.5'].join('\n')
    expect(parseThresholdRules(text)).toEqual({
      rules: [
        rule(1, 'transactional', 4, { spam_rate: 5 }),
        rule(3, 'promo-*', 2),
        rule(4, 'account-id 8001', undefined, { bounce_rate: 4 }),
        rule(5, 'a:b', undefined, { open_rate: 1.5 })
      ],
      problems: []
    })
  })

  it('reports every problem at once, each naming its line', () => {
    const text = [
      'transactional min-score=4',
      'promo-*: min-score=9, spam_rate=0.5',
      'ok: min-score=3',
      'news: spam=4, open_rate=3, open_rate=4',
      ': min-score=3',
      'two words: min-score=3',
      'empty:',
      'x: min-score 3'
    ].join('\n')
    expect(parseThresholdRules(text)).toEqual({
      rules: [rule(3, 'ok', 3)],
      problems: [
        'line 1: "transactional min-score=4" has no colon; write <account>: <threshold>=<score>, e.g. transactional: min-score=4, spam_rate=5',
        'line 2: min-score: "9" is not a score; use a number from 1 to 5',
        'line 2: spam_rate: "0.5" is not a score; use a number from 1 to 5',
        'line 4: "spam" is not a threshold; use min-score, engagement_recency, open_rate, bounce_classification, bounce_rate, spam_rate, or warn-score and warn-<metric> (e.g. warn-spam_rate) for warning levels',
        'line 4: open_rate is given twice',
        "line 5: no account before the colon; name a subuser, account-id <id> or the parent's username",
        'line 6: "two words" is not an account; use a subuser username, account-id <id> or the parent\'s username, with * for any run of characters',
        'line 7: empty names no threshold; e.g. min-score=4, spam_rate=5',
        'line 8: "min-score 3" is not threshold=score; e.g. min-score=4, spam_rate=5'
      ]
    })
  })

  it('reaches parseConfig as one account-thresholds problem per line problem, and nothing is read from a bad input', () => {
    let error: unknown
    try {
      parseConfig((name) => ({ 'api-key': KEY, 'account-thresholds': 'a: min-score=0\nb: c=1' })[name as string] ?? '', '2025-06-30')
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(InputError)
    expect((error as InputError).problems).toEqual([
      { input: 'account-thresholds', message: 'line 1: min-score: "0" is not a score; use a number from 1 to 5' },
      { input: 'account-thresholds', message: expect.stringMatching(/^line 2: "c" is not a threshold; /) }
    ])
    const config = parseConfig((name) => ({ 'api-key': KEY, 'account-thresholds': 'promo-*: min-score=2' })[name as string] ?? '', '2025-06-30')
    expect(config.accountThresholds).toEqual([rule(1, 'promo-*', 2)])
  })

  it('reports every bad min-metric-scores entry at once too, with the messages it always had', () => {
    let error: unknown
    try {
      parseConfig((name) => ({ 'api-key': KEY, 'min-metric-scores': 'spam=4, open_rate=7' })[name as string] ?? '', '2025-06-30')
    } catch (caught) {
      error = caught
    }
    expect((error as InputError).problems.map((problem) => problem.message)).toEqual([
      '"spam" is not a metric; use engagement_recency, open_rate, bounce_classification, bounce_rate, spam_rate',
      'open_rate: "7" is not a score; use a number from 1 to 5'
    ])
  })
})

/** Short names from a small alphabet, so that patterns and accounts often meet. */
const nameArb = fc.string({ unit: fc.constantFrom('a', 'b', '-', '.', '1'), minLength: 1, maxLength: 6 })
const patternArb = fc.oneof(
  fc.string({ unit: fc.constantFrom('a', 'b', '-', '*', '1'), minLength: 1, maxLength: 6 }),
  nameArb.map((id) => `account-id ${id}`),
  fc.constant('*')
)
const scoreArb = fc.oneof(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 10, max: 50 }).map((tenths) => tenths / 10))
const ruleArb = fc.record({
  pattern: patternArb,
  minScore: fc.option(scoreArb, { nil: undefined }),
  minMetricScores: fc.dictionary(fc.constantFrom(...METRICS), scoreArb, { maxKeys: 3 }),
  warnScore: fc.option(scoreArb, { nil: undefined }),
  warnMetricScores: fc.dictionary(fc.constantFrom(...METRICS), scoreArb, { maxKeys: 2 })
})
const rulesArb = fc.array(ruleArb, { maxLength: 5 }).map((rules) => rules.map((item, index) => ({ line: index + 1, ...item }) as ThresholdRule))

/** A rule as a user might type it, with spacing varied by `gap`. */
function ruleText(item: ThresholdRule, gap: string): string {
  const entries = [
    ...(item.minScore === undefined ? [] : [`min-score${gap}=${gap}${item.minScore}`]),
    ...Object.entries(item.minMetricScores).map(([metric, score]) => `${metric}=${score}`),
    ...(item.warnScore === undefined ? [] : [`warn-score=${gap}${item.warnScore}`]),
    ...Object.entries(item.warnMetricScores).map(([metric, score]) => `warn-${metric}${gap}=${score}`)
  ]
  return `${gap}${item.pattern}${gap}:${gap}${entries.join(`,${gap}`)}`
}

/** Whether a rule names any threshold or warning level. */
function namesAny(item: ThresholdRule): boolean {
  return item.minScore !== undefined || item.warnScore !== undefined || Object.keys({ ...item.minMetricScores, ...item.warnMetricScores }).length > 0
}

describe('parseThresholdRules on any text (properties)', () => {
  it('reads back every rule it is given as text', () => {
    const withThresholds = rulesArb.map((rules) => rules.filter(namesAny))
    fc.assert(
      fc.property(withThresholds, fc.constantFrom('', ' ', '  ', '\t'), (rules, gap) => {
        const text = rules.map((item) => ruleText(item, gap)).join('\n')
        const lines = rules.map((_, index) => index + 1)
        expect(parseThresholdRules(text)).toEqual({ rules: rules.map((item, index) => ({ ...item, line: lines[index] })), problems: [] })
      })
    )
  })

  it('never throws; each problem names a non-blank line, and only lines without problems become rules', () => {
    const fragment = fc.constantFrom('a', '*', ':', ' ', '=', ',', '\n', '3', '9', '0.5', 'min-score', 'spam_rate', 'warn-score', 'warn-', 'warn:', 'spam', 'account-id', '__proto__', 'é', '\r')
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 24 }).map((parts) => parts.join('')), (text) => {
        const { rules, problems } = parseThresholdRules(text)
        const lines = text.split('\n')
        const blamed = new Set(problems.map((problem) => Number(/^line (\d+): \S/.exec(problem)?.[1])))
        for (const line of blamed) expect(lines[line - 1]?.trim()).toBeTruthy()
        for (const item of rules) {
          expect(blamed.has(item.line)).toBe(false)
          for (const score of [item.minScore ?? 3, item.warnScore ?? 3, ...Object.values(item.minMetricScores), ...Object.values(item.warnMetricScores)])
            expect(score >= 1 && score <= 5).toBe(true)
          for (const levels of [item.minMetricScores, item.warnMetricScores]) expect(Object.keys(levels).every((key) => (METRICS as readonly string[]).includes(key))).toBe(true)
        }
        const ruleLines = new Set(rules.map((item) => item.line))
        lines.forEach((line, index) => expect(line.trim() === '' || blamed.has(index + 1) || ruleLines.has(index + 1)).toBe(true))
      }),
      { numRuns: 2000 }
    )
  })
})

/** The plain reading of a glob: `*` is any run of characters, the rest match themselves. */
function reference(pattern: string, account: string): boolean {
  const source = pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')).join('[^]*')
  return new RegExp(`^${source}$`).test(account)
}

describe('patternMatches', () => {
  it('treats * as any run of characters, and everything else literally', () => {
    expect(patternMatches('promo-*', 'promo-eu')).toBe(true)
    expect(patternMatches('promo-*', 'promo-')).toBe(true)
    expect(patternMatches('promo-*', 'xpromo-eu')).toBe(false)
    expect(patternMatches('*-eu', 'promo-eu')).toBe(true)
    expect(patternMatches('a.b', 'axb')).toBe(false)
    expect(patternMatches('account-id 80*', 'account-id 8001')).toBe(true)
    expect(patternMatches('*', 'account-id 8001')).toBe(true)
    expect(patternMatches('Promo', 'promo')).toBe(false)
  })

  it('agrees with a regular expression on any pattern and account', () => {
    fc.assert(
      fc.property(patternArb, fc.oneof(nameArb, nameArb.map((id) => `account-id ${id}`)), (pattern, account) => {
        expect(patternMatches(pattern, account)).toBe(reference(pattern, account))
      }),
      { numRuns: 5000 }
    )
  })

  it('answers a pattern on which a backtracking matcher would never finish', () => {
    // A regular expression tries every way to share the a's among the stars: 5000^30 of them.
    expect(patternMatches(`${'a*'.repeat(30)}b`, 'a'.repeat(5000))).toBe(false)
    expect(patternMatches(`${'a*'.repeat(30)}b`, `${'a'.repeat(5000)}b`)).toBe(true)
  })
})

const DEFAULTS: Thresholds = { minScore: 3, minMetricScores: { spam_rate: 4, bounce_rate: 2 }, warnScore: 3.5, warnMetricScores: { spam_rate: 4.5, open_rate: 2 } }

describe('thresholdsFor', () => {
  it('gives the first matching rule, what it leaves out (failing or warning level) taken from the inputs beside it', () => {
    const transactional = { ...rule(1, 'transactional', 4, { spam_rate: 5 }), warnScore: 4.5 }
    const customer = { ...rule(4, 'account-id 8001', undefined, { bounce_rate: 4 }), warnMetricScores: { bounce_rate: 5, spam_rate: 4.25 } }
    const rules = [transactional, rule(2, 'promo-*', 2), rule(3, 'promo-eu', 5), customer]
    const of = thresholdsFor(rules, DEFAULTS)
    const inherited = { warnScore: 3.5, warnMetricScores: DEFAULTS.warnMetricScores }
    expect(of('transactional')).toEqual({ rule: rules[0], thresholds: { minScore: 4, minMetricScores: { spam_rate: 5, bounce_rate: 2 }, warnScore: 4.5, warnMetricScores: DEFAULTS.warnMetricScores } })
    expect(of('promo-eu')).toEqual({ rule: rules[1], thresholds: { minScore: 2, minMetricScores: DEFAULTS.minMetricScores, ...inherited } })
    expect(of('account-id 8001')).toEqual({
      rule: rules[3],
      thresholds: { minScore: 3, minMetricScores: { spam_rate: 4, bounce_rate: 4 }, warnScore: 3.5, warnMetricScores: { spam_rate: 4.25, open_rate: 2, bounce_rate: 5 } }
    })
    expect(of('newsletters')).toEqual({ thresholds: DEFAULTS })
    // Accounts of one rule share its thresholds.
    expect(of('promo-us').thresholds).toBe(of('promo-eu').thresholds)
  })

  it('for any rules and account: the first match wins and unnamed keys inherit, warning levels as failing ones (property)', () => {
    const defaultsArb = fc.record({
      minScore: scoreArb,
      minMetricScores: fc.dictionary(fc.constantFrom(...METRICS), scoreArb, { maxKeys: 3 }),
      warnScore: fc.option(scoreArb, { nil: undefined }),
      warnMetricScores: fc.dictionary(fc.constantFrom(...METRICS), scoreArb, { maxKeys: 3 })
    })
    fc.assert(
      fc.property(rulesArb, nameArb, defaultsArb, (rules, account, defaults) => {
        const applied = thresholdsFor(rules, defaults)(account)
        const first = rules.find((item) => reference(item.pattern, account))
        expect(applied.rule).toBe(first)
        expect(applied.thresholds).toEqual({
          minScore: first?.minScore ?? defaults.minScore,
          minMetricScores: { ...defaults.minMetricScores, ...first?.minMetricScores },
          warnScore: first?.warnScore ?? defaults.warnScore,
          warnMetricScores: { ...defaults.warnMetricScores, ...first?.warnMetricScores }
        })
      }),
      { numRuns: 3000 }
    )
  })

  it('names the rules no account took, and whether an earlier rule took their accounts (property)', () => {
    fc.assert(
      fc.property(rulesArb, fc.uniqueArray(nameArb, { maxLength: 6 }), (rules, names) => {
        const of = thresholdsFor(rules, DEFAULTS)
        const accounts = names.map((account) => ({ account, rule: of(account).rule }))
        const unused = unusedRules(rules, accounts)
        for (const item of rules) {
          const listed = unused.find((entry) => entry.rule === item)
          expect(listed !== undefined).toBe(!accounts.some((account) => account.rule === item))
          if (listed) expect(listed.shadowed).toBe(names.some((account) => reference(item.pattern, account)))
        }
      }),
      { numRuns: 2000 }
    )
  })
})

function config(overrides: Partial<EvaluationConfig> = {}): EvaluationConfig & ReportConfig {
  return { subusers: 'all', from: D1, to: D2, minScore: 3, minMetricScores: {}, evaluate: 'all', missingScores: 'warn', failOnBreach: true, ...overrides }
}

describe('evaluate with account-thresholds', () => {
  const records = [rec('transactional', D1, 4, { spam_rate: 4 }), rec('transactional', D2, 5), rec('promo-eu', D1, 2), rec('promo-eu', D2, 2), rec('newsletters', D1, 2)]
  const rules = [rule(1, 'transactional', 5, { spam_rate: 5 }), rule(2, 'promo-*', 2), rule(3, 'ghost', 4), rule(4, 'promo-eu', 1)]
  const evaluation = evaluate({ records: RecordStore.of(records), failures: [] }, config({ accountThresholds: rules }))

  it('judges each account by its own rule: the applied threshold is in each breach', () => {
    expect([...evaluation.breaches].map(({ account, date, metric, value, threshold }) => `${account} ${date} ${metric} ${value} < ${threshold}`)).toEqual([
      `newsletters ${D1} score 2 < 3`,
      `transactional ${D1} score 4 < 5`,
      `transactional ${D1} spam_rate 4 < 5`
    ])
    expect(evaluation.result).toBe('failed')
  })

  it('shows on each verdict the thresholds applied and the rule that set them', () => {
    const byAccount = Object.fromEntries(evaluation.accounts.map((verdict) => [verdict.account, [verdict.thresholds, verdict.rule?.line]]))
    expect(byAccount).toEqual({
      transactional: [{ minScore: 5, minMetricScores: { spam_rate: 5 }, warnMetricScores: {} }, 1],
      'promo-eu': [{ minScore: 2, minMetricScores: {}, warnMetricScores: {} }, 2],
      newsletters: [{ minScore: 3, minMetricScores: {}, warnMetricScores: {} }, undefined]
    })
    // Its JSON keeps the shape it always had.
    expect(Object.keys(JSON.parse(JSON.stringify(evaluation.accounts[0])) as object)).not.toContain('thresholds')
  })

  it('lists the rules that set no account: one matching nothing, one whose accounts an earlier rule took', () => {
    const unused = unusedRules(rules, evaluation.accounts)
    expect(unused).toEqual([
      { rule: rules[2], shadowed: false },
      { rule: rules[3], shadowed: true }
    ])
    expect(unused.map(describeUnusedRule)).toEqual([
      "account-thresholds line 3 (ghost) matches no checked account; check the name (a subuser username, account-id <id> or the parent's username, with * for any run of characters).",
      "account-thresholds line 4 (promo-eu) sets no account's thresholds: every account it matches takes those of an earlier line. Move it above them, or narrow the earlier line."
    ])
  })

  it('reports each breach with its own threshold, and says on the thresholds line that some accounts have their own', () => {
    const { markdown } = renderSummary(evaluation, config({ accountThresholds: rules }))
    expect(markdown).toContain('score ≥ **3** · own thresholds for transactional, promo-\\*, ghost, promo-eu (account-thresholds) · missing scores: warn')
    expect(markdown).toContain('1. **newsletters**: score **2** (min 3) on 2025-06-01.')
    expect(markdown).toContain('2. **transactional**: spam rate **4** (min 5) and score **4** (min 5) on 2025-06-01.')
    expect(markdown).toMatch(/^\| ❌ 1 of 2 days \| transactional\u00a0† \| 5 \| \*\*4\*\*\u00a006-01 \| .* \| \*\*4\*\* ❌ \|/m)
    expect(renderSummary(evaluation, config()).markdown).not.toContain('own thresholds')
  })
})
