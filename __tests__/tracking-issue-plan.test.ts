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
/** A run that read no account, with these failures. */
const outage = (...failures: Failure[]): TrackedRun => tracked([], { failures })
/** SendGrid answered `status` for `account`'s scores, in these words. */
const answered = (status: number, account: string, message: string): Failure =>
  failure({ account, message, outcome: status === 202 ? 'pending' : 'error', cause: { endpoint: 'scores', status } })
const unsent = (account: string): Failure => failure({ account, message: 'not requested: wait-timeout ran out first', outcome: 'pending', cause: { endpoint: 'scores' } })
const SENDGRID_500 = 'SendGrid answered 500 (internal server error)'

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
    expect(runs(tracked(passing()), outage(answered(500, 'promo', SENDGRID_500)))).toEqual([{}, {}])
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
      outage(answered(500, 'promo', `${SENDGRID_500} (gave up after 4 attempts, 3 retries)`), answered(500, 'transactional', `${SENDGRID_500} (gave up after 4 attempts, 3 retries)`)),
      outage(answered(500, 'transactional', `${SENDGRID_500} (wait-timeout ran out while retrying, after 869ms)`)),
      outage(answered(500, 'promo', `${SENDGRID_500} (wait-timeout ran out while retrying, after 1s)`), unsent('transactional')),
      outage(answered(202, 'promo', 'SendGrid was still computing the scores (202) after waiting 9m 58s')),
      outage(answered(202, 'transactional', 'SendGrid was still computing the scores (202) after waiting 10m 1s'), unsent('promo')),
      tracked(failing()),
      outage(answered(500, 'promo', `${SENDGRID_500} (gave up after 4 attempts, 3 retries)`))
    )
    expect(plans.map((plan) => (plan.comment ?? '').split(':')[0])).toEqual([
      '',
      '⚠️ **Could not check** ([run](https',
      '',
      '',
      '⚠️ **Could not check** ([run](https',
      '',
      '',
      '⚠️ **Could not check** ([run](https'
    ])
    expect(plans[1]?.comment).toMatch(/SendGrid or the network failed\. .*\n\n- promo: SendGrid answered 500 \(internal server error\) \(gave up after 4 attempts, 3 retries\) \(and 1 more like it\)$/)
    expect(plans[4]?.comment).toContain('SendGrid had not finished computing the scores')
    for (const plan of [plans[1], plans[4]]) {
      expect(plan?.edit).toEqual({ body: expect.stringMatching(/\nthe last report$/) })
      expect(plan?.open).toBeUndefined()
    }
    expect(plans.slice(1, 6).map((plan) => plan.edit && readState(plan.edit.body)?.outage)).toEqual(['error scores 500', undefined, undefined, 'pending scores 202', undefined])
  })

  it('takes another status, endpoint or kind of network error for another reason, and wait-timeout alone for one', () => {
    const failed = (cause: Failure['cause'], outcome: Failure['outcome'] = 'error'): TrackedRun => outage(failure({ account: 'promo', outcome, cause }))
    const plans = runs(
      tracked(failing()),
      failed({ endpoint: 'scores', status: 500 }),
      failed({ endpoint: 'scores', status: 429 }),
      failed({ endpoint: 'listing', status: 429 }),
      failed({ endpoint: 'listing', network: 'ECONNREFUSED' }),
      failed({ endpoint: 'listing', network: 'timeout' }),
      failed({ endpoint: 'scores' }, 'pending'),
      outage(answered(500, 'promo', SENDGRID_500), answered(429, 'transactional', 'rate limited')),
      outage(answered(429, 'promo', 'rate limited'), answered(500, 'transactional', SENDGRID_500))
    )
    expect(plans.slice(1).map((plan) => plan.edit && readState(plan.edit.body)?.outage)).toEqual([
      'error scores 500',
      'error scores 429',
      'error listing 429',
      'error listing ECONNREFUSED',
      'error listing timeout',
      'pending scores not sent',
      'error scores 429, error scores 500',
      undefined
    ])
    expect(plans.slice(1).map((plan) => plan.comment !== undefined)).toEqual([true, true, true, true, true, true, true, false])
  })

  it('reads the state an issue opened by 1.0.0 keeps, and comments on an outage that goes on across the upgrade once more', () => {
    // Written by 1.0.0 with promo failing on spam rate, then during an outage of SendGrid's (500).
    const opened = '<!-- sendgrid-engagement-quality-gate-state: eyJmYWlsaW5nIjpbWyJwcm9tbyIsWyJzcGFtX3JhdGUiXV1dLCJtb3JlIjowLCJkaWdlc3QiOiJCZVR3MFhJaFk4b3F6YnBRWTlOWkdJIn0= -->'
    const duringOutage =
      '<!-- sendgrid-engagement-quality-gate-state: eyJmYWlsaW5nIjpbWyJwcm9tbyIsWyJzcGFtX3JhdGUiXV1dLCJtb3JlIjowLCJkaWdlc3QiOiJCZVR3MFhJaFk4b3F6YnBRWTlOWkdJIiwib3V0YWdlIjoic2hBeFUwaE13ZmJ5eFpQbkZBWG9vYyJ9 -->'
    const issue = (state: string): OpenIssue => ({ number: 1, url: 'u', body: `${MARKER}\n${state}\nthe report of 1.0.0` })
    expect(readState(issue(duringOutage).body)).toEqual({ failing: [['promo', ['spam_rate']]], more: 0, digest: 'BeTw0XIhY8oqzbpQY9NZGI', outage: 'shAxU0hMwfbyxZPnFAXooc' })

    const unchanged = planIssue(tracked(failing()), issue(opened))
    expect(unchanged.comment).toBeUndefined()
    expect(unchanged.edit?.title).toBe('SEQ: Failed · lowest score 4 · 1 breach')

    const down = outage(answered(500, 'promo', `${SENDGRID_500} (gave up after 4 attempts, 3 retries)`))
    const upgraded = planIssue(down, issue(duringOutage))
    expect(upgraded.comment).toMatch(/^⚠️ \*\*Could not check\*\*/)
    expect(upgraded.edit?.body.endsWith('\nthe report of 1.0.0')).toBe(true)
    expect(readState(upgraded.edit?.body ?? '')).toMatchObject({ failing: [['promo', ['spam_rate']]], outage: 'error scores 500' })
    expect(planIssue(down, { ...issue(opened), body: upgraded.edit?.body ?? '' })).toEqual({})
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
