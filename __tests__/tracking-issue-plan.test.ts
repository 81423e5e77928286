import { describe, expect, it } from '@jest/globals'
import { evaluate, type Evaluation } from '../src/gate/evaluate.js'
import type { Failure } from '../src/records/collection.js'
import { RecordStore } from '../src/records/record-store.js'
import type { ScoreRecord } from '../src/records/score-record.js'
import { commentMarker, GITHUB_TEXT_LIMIT } from '../src/report/github.js'
import { planIssue, readState, type IssuePlan, type OpenIssue, type TrackedRun } from '../src/report/tracking-issue.js'
import { failure, rec } from './support/records.js'

/** What the tracking issue does after a run, decided from the run and the open issue alone. */

const D1 = '2025-06-01'
const D2 = '2025-06-02'
const MARKER = commentMarker('SEQ')
const RUN_URL = 'https://github.example/octo/mail/actions/runs/5'

interface Options {
  failures?: Failure[]
  missingScores?: 'warn' | 'fail'
  markdown?: string
}

function tracked(records: ScoreRecord[], { failures = [], missingScores = 'warn', markdown = 'the report' }: Options = {}): TrackedRun {
  const config = { subusers: 'all' as const, from: D1, to: D2, minScore: 3, minMetricScores: { spam_rate: 3 }, evaluate: 'latest' as const, missingScores }
  const evaluation: Evaluation = evaluate({ records: RecordStore.of(records), failures }, config)
  return { evaluation, markdown, config: { ...config, github: { checkName: 'SEQ' } }, runUrl: RUN_URL }
}

/** The issue as it stands after `plan`, starting from `issue`. */
function after(plan: IssuePlan, issue?: OpenIssue): OpenIssue | undefined {
  if (plan.open) return { number: 1, url: 'https://github.example/octo/mail/issues/1', body: plan.open.body }
  if (!issue || plan.edit?.close) return undefined
  return plan.edit ? { ...issue, body: plan.edit.body } : issue
}

/** Runs one after another, each on the issue the one before left; the plans in order. */
function runs(...each: TrackedRun[]): IssuePlan[] {
  let issue: OpenIssue | undefined
  return each.map((run) => {
    const plan = planIssue(run, issue)
    issue = after(plan, issue)
    return plan
  })
}

const failing = (spam = 2): ScoreRecord[] => [rec('promo', D2, 4, { spam_rate: spam }), rec('transactional', D2, 5)]
const passing = (): ScoreRecord[] => [rec('promo', D2, 4), rec('transactional', D2, 5)]
const outage = (message: string, outcome: Failure['outcome'] = 'error'): TrackedRun =>
  tracked([], { failures: [failure({ account: 'promo', message, outcome }), failure({ account: 'transactional', message, outcome })] })

describe('planIssue', () => {
  it('opens an issue on a failure: the title with the verdict, the marker, the state, then the report', () => {
    const [plan] = runs(tracked(failing()))
    expect(plan?.open?.title).toBe('SEQ: Failed · lowest score 4 · 1 breach')
    const lines = plan?.open?.body.split('\n') ?? []
    expect(lines[0]).toBe(MARKER)
    expect(lines[1]).toMatch(/^<!-- sendgrid-engagement-quality-gate-state: [A-Za-z0-9+/=]+ -->$/)
    expect(lines.slice(2).join('\n')).toBe('the report')
    expect(readState(plan?.open?.body ?? '')).toMatchObject({ failing: [['promo', ['spam_rate']]], more: 0 })
    expect([plan?.comment, plan?.edit]).toEqual([undefined, undefined])
  })

  it('does nothing while every account passes and no issue is open, nor on an outage without an issue', () => {
    expect(runs(tracked(passing()), outage('SendGrid answered 500'))).toEqual([{}, {}])
  })

  it('updates the title and report without a comment while the same accounts fail the same way, whatever their values', () => {
    const [, second] = runs(tracked(failing(2)), tracked(failing(1), { markdown: 'a newer report' }))
    expect(second?.comment).toBeUndefined()
    expect(second?.edit?.title).toBe('SEQ: Failed · lowest score 4 · 1 breach')
    expect(second?.edit?.body.endsWith('\na newer report')).toBe(true)
    expect(second?.edit?.close).toBeUndefined()
  })

  it('names what newly fails (metric, value, threshold, day) and what recovered, in one comment', () => {
    const now = [rec('promo', D2, 4), rec('transactional', D2, 2, { spam_rate: 1 })]
    const [, plan] = runs(tracked(failing()), tracked(now))
    expect(plan?.comment).toBe(
      [
        `**Changed since the last run** ([run](${RUN_URL})):`,
        '',
        'Newly failing:',
        `- transactional: score is 2 on ${D2}, below 3`,
        `- transactional: spam rate is 1 on ${D2}, below 3`,
        '',
        'Recovered:',
        '- promo: spam rate at or above threshold'
      ].join('\n')
    )
  })

  it('counts a missing score as failing under missing-scores: fail', () => {
    const [, plan] = runs(tracked(failing(), { missingScores: 'fail' }), tracked([...failing(), rec('cold', D2)], { missingScores: 'fail' }))
    expect(plan?.comment).toContain('Newly failing:\n- cold: no engagement quality score (missing-scores: fail)')
  })

  it('does not call an account that could not be read recovered', () => {
    const unread = tracked([rec('transactional', D2, 2)], { failures: [failure({ account: 'promo' })] })
    const [, plan] = runs(tracked(failing()), unread)
    expect(plan?.comment).toBe(`**Changed since the last run** ([run](${RUN_URL})):\n\nNewly failing:\n- transactional: score is 2 on ${D2}, below 3`)
    expect(readState(plan?.edit?.body ?? '')?.failing).toEqual([
      ['transactional', ['score']],
      ['promo', ['spam_rate']]
    ])
  })

  it('comments and closes the issue when every account passes', () => {
    const [, plan] = runs(tracked(failing()), tracked(passing(), { markdown: 'all good' }))
    expect(plan?.comment).toBe(`✅ Recovered: every account at or above threshold from ${D1} to ${D2} ([run](${RUN_URL})).`)
    expect(plan?.edit).toMatchObject({ title: 'SEQ: Passed · lowest score 4', close: true })
    expect(plan?.edit?.body.endsWith('\nall good')).toBe(true)
  })

  it('comments on an outage once per reason in a row, never closes, and keeps the last report', () => {
    const plans = runs(
      tracked(failing(), { markdown: 'the last report' }),
      outage('SendGrid answered 500 (gave up after 4 attempts, 3 retries)'),
      outage('SendGrid answered 500 (gave up after 5 attempts, 4 retries)'),
      outage('SendGrid was still computing the scores (202) after waiting 9m 58s', 'pending'),
      outage('SendGrid was still computing the scores (202) after waiting 10m 1s', 'pending'),
      tracked(failing()),
      outage('SendGrid answered 500 (gave up after 4 attempts, 3 retries)')
    )
    expect(plans.map((plan) => (plan.comment ?? '').split(':')[0])).toEqual([
      '',
      '⚠️ **Could not check** ([run](https',
      '',
      '⚠️ **Could not check** ([run](https',
      '',
      '',
      '⚠️ **Could not check** ([run](https'
    ])
    expect(plans[1]?.comment).toMatch(/SendGrid or the network failed\. .*\n\n- promo: SendGrid answered 500 \(gave up after 4 attempts, 3 retries\) \(and 1 more like it\)$/)
    expect(plans[3]?.comment).toContain('SendGrid had not finished computing the scores')
    for (const plan of [plans[1], plans[3]]) {
      expect(plan?.edit).toEqual({ body: expect.stringMatching(/\nthe last report$/) })
      expect(plan?.open).toBeUndefined()
    }
  })

  it('keeps within GitHub’s limit, and compares counts once too many accounts fail to list', () => {
    const many = (count: number): ScoreRecord[] => Array.from({ length: count }, (_, index) => rec(`subuser-with-a-long-name-${index}`, D2, 2))
    const huge = 'x'.repeat(80_000)
    const [first, unchanged, changed] = runs(tracked(many(3000), { markdown: huge }), tracked(many(3000)), tracked(many(3001)))
    expect(first?.open?.body.length).toBeLessThanOrEqual(GITHUB_TEXT_LIMIT)
    const state = readState(first?.open?.body ?? '')
    expect((state?.failing.length ?? 0) + (state?.more ?? 0)).toBe(3000)
    expect(state?.more).toBeGreaterThan(0)
    expect(unchanged?.comment).toBeUndefined()
    expect(changed?.comment).toBe(
      `**Changed since the last run** ([run](${RUN_URL})): 3001 accounts fail now, 3000 did then; too many to follow one by one, so the description lists them.`
    )
  })

  it('reads no state from a body without one or with one edited out of shape, and then adds no comment', () => {
    const encode = (value: unknown): string => `<!-- sendgrid-engagement-quality-gate-state: ${Buffer.from(JSON.stringify(value)).toString('base64')} -->`
    expect(readState('a body someone rewrote')).toBeUndefined()
    expect(readState(`${MARKER}\n<!-- sendgrid-engagement-quality-gate-state: !!! -->`)).toBeUndefined()
    expect(readState(encode({ failing: [['promo', ['toString']]], more: 0, digest: 'x' }))).toBeUndefined()
    expect(readState(encode({ failing: [['promo', ['spam_rate', 'missing']]], more: 0, digest: 'x' }))).toEqual({ failing: [['promo', ['spam_rate', 'missing']]], more: 0, digest: 'x' })

    const plan = planIssue(tracked(failing()), { number: 3, url: 'u', body: `${MARKER}\nan old report` })
    expect(plan.comment).toBeUndefined()
    expect(readState(plan.edit?.body ?? '')?.failing).toEqual([['promo', ['spam_rate']]])
  })
})
