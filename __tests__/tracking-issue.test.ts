import { afterEach, describe, expect, it } from '@jest/globals'
import { evaluate } from '../src/gate/evaluate.js'
import { RecordStore } from '../src/records/record-store.js'
import { commentMarker } from '../src/report/github.js'
import { trackIssue } from '../src/report/tracking-issue.js'
import { redactor } from '../src/messages.js'
import { addDays, DEFAULT_API_KEY, startSimulator, utcToday, type FaultAction, type Simulator } from '../sim/simulator.js'
import { startFakeGitHub, type FakeGitHub, type FakeGitHubOptions, type FakeIssue } from './support/fake-github.js'
import { failure } from './support/records.js'
import { annotations, runDist, runInProcess, type ActionRun, type Inputs } from './support/runner.js'
import { VirtualClock } from './support/virtual-clock.js'

/**
 * The tracking issue of a scheduled gate, run after run: the built dist/index.js against the
 * SendGrid simulator and a fake GitHub REST API, both on 127.0.0.1, with scores changed between runs.
 */

const TOKEN = 'ghs_fake-installation-token'
const YESTERDAY = addDays(utcToday(), -1)
const FROM = addDays(utcToday(), -7)

let simulator: Simulator | undefined
let github: FakeGitHub | undefined
afterEach(async () => {
  await Promise.all([simulator?.close(), github?.close()])
  simulator = github = undefined
})

/** Each subuser's score on every day; changed between runs. `sendGridDown` answers every request 401. */
interface Scores {
  transactional: number
  promo: number
  sendGridDown?: boolean
}

async function serve(scores: Scores, fake: FakeGitHubOptions = {}): Promise<{ sim: Simulator; gh: FakeGitHub }> {
  simulator = await startSimulator({
    subusers: [
      { username: 'transactional', score: () => scores.transactional },
      { username: 'promo', score: () => scores.promo }
    ],
    fault: () => (scores.sendGridDown ? { status: 401, body: { errors: [{ message: 'authorization required' }] } } : undefined)
  })
  github = await startFakeGitHub(fake)
  return { sim: simulator, gh: github }
}

function inputs(sim: Simulator, overrides: Inputs = {}): Inputs {
  return {
    'api-key': DEFAULT_API_KEY,
    'base-url': sim.url,
    'poll-interval': '20ms',
    'github-token': TOKEN,
    subusers: 'transactional, promo',
    evaluate: 'latest',
    'check-run': 'false',
    'tracking-issue': 'true',
    ...overrides
  }
}

function scheduleEnv(gh: FakeGitHub): Record<string, string> {
  return {
    GITHUB_API_URL: gh.url,
    GITHUB_SERVER_URL: 'https://github.example',
    GITHUB_REPOSITORY: 'octo/mail',
    GITHUB_SHA: 'c'.repeat(40),
    GITHUB_EVENT_NAME: 'schedule',
    GITHUB_RUN_ID: '77'
  }
}

/** `METHOD /path` of each request sent since `since` requests had been recorded. */
function sent(gh: FakeGitHub, since = 0): string[] {
  return gh.requests.slice(since).map((request) => `${request.method} ${request.path}`)
}

const ISSUE_URL = 'https://github.example/octo/mail/issues/1'
const MARKER = commentMarker('SendGrid engagement quality')

describe('the tracking issue of a scheduled gate', () => {
  it('opens on a failure, stays quiet while nothing changes, names what changed, notes an outage once, and closes on recovery', async () => {
    const scores: Scores = { transactional: 4, promo: 2 }
    const { sim, gh } = await serve(scores)
    const env = scheduleEnv(gh)
    const step = async (): Promise<{ run: ActionRun; requests: string[] }> => {
      const since = gh.requests.length
      const run = await runDist(inputs(sim), env)
      return { run, requests: sent(gh, since) }
    }

    // 1. promo fails: the issue opens with the report, the label and the marker.
    const opened = await step()
    expect(opened.run.exitCode).toBe(1)
    expect(opened.requests).toEqual(['GET /repos/octo/mail/issues', 'POST /repos/octo/mail/issues'])
    expect(gh.requests.find((request) => request.method === 'GET')?.query).toMatchObject({ state: 'open', labels: 'engagement-quality', per_page: '100' })
    const [issue] = gh.issues as [FakeIssue]
    expect(issue).toMatchObject({ number: 1, state: 'open', labels: ['engagement-quality'], title: 'SendGrid engagement quality: Failed · lowest score 2 · 1 breach' })
    expect(issue.body.startsWith(`${MARKER}\n`)).toBe(true)
    expect(issue.body.endsWith(opened.run.outputs.markdown ?? '')).toBe(true)
    expect(opened.run.outputs.markdown).toContain('promo')
    expect(opened.run.outputs['tracking-issue']).toBe(ISSUE_URL)
    expect(gh.comments[1] ?? []).toEqual([])

    // 2. The same breach the next day: the report is brought up to date, and no comment is made.
    const unchanged = await step()
    expect(unchanged.requests).toEqual(['GET /repos/octo/mail/issues', 'PATCH /repos/octo/mail/issues/1'])
    expect(unchanged.run.outputs['tracking-issue']).toBe(ISSUE_URL)
    expect(gh.comments[1] ?? []).toEqual([])

    // 3. promo recovers and transactional fails: one comment names both.
    Object.assign(scores, { transactional: 2, promo: 4 })
    const changed = await step()
    expect(changed.requests).toEqual(['GET /repos/octo/mail/issues', 'POST /repos/octo/mail/issues/1/comments', 'PATCH /repos/octo/mail/issues/1'])
    expect(gh.comments[1]?.map((comment) => comment.body)).toEqual([
      [
        '**Changed since the last run** ([run](https://github.example/octo/mail/actions/runs/77)):',
        '',
        'Newly failing:',
        `- transactional: score is 2 on ${YESTERDAY}, below 3`,
        '',
        'Recovered:',
        '- promo: score at or above threshold'
      ].join('\n')
    ])
    expect(issue.state).toBe('open')
    expect(issue.body.endsWith(changed.run.outputs.markdown ?? '')).toBe(true)

    // 4. SendGrid fails: one comment says why, the issue stays open and keeps the last report.
    scores.sendGridDown = true
    const outage = await step()
    expect(outage.run.outputs.result).toBe('error')
    expect(outage.requests).toEqual(['GET /repos/octo/mail/issues', 'POST /repos/octo/mail/issues/1/comments', 'PATCH /repos/octo/mail/issues/1'])
    expect(gh.comments[1]).toHaveLength(2)
    expect(gh.comments[1]?.[1]?.body).toMatch(/^⚠️ \*\*Could not check\*\* \(\[run\]\(.*\)\): SendGrid or the network failed\. .*\n\n- (promo|transactional): SendGrid answered 401 \(authorization required\): the API key was rejected.* \(and 1 more like it\)$/)
    expect(issue.state).toBe('open')
    expect(issue.title).toBe('SendGrid engagement quality: Failed · lowest score 2 · 1 breach')
    expect(issue.body.endsWith(changed.run.outputs.markdown ?? '')).toBe(true)
    expect(outage.run.outputs['tracking-issue']).toBe(ISSUE_URL)

    // 5. The same outage the next day: nothing more.
    const again = await step()
    expect(again.requests).toEqual(['GET /repos/octo/mail/issues'])
    expect(gh.comments[1]).toHaveLength(2)
    expect(again.run.outputs['tracking-issue']).toBe('')

    // 6. Every account passes: a comment, and the issue closes as completed.
    Object.assign(scores, { transactional: 4, promo: 4, sendGridDown: false })
    const recovered = await step()
    expect(recovered.run.exitCode).toBe(0)
    expect(recovered.requests).toEqual(['GET /repos/octo/mail/issues', 'POST /repos/octo/mail/issues/1/comments', 'PATCH /repos/octo/mail/issues/1'])
    expect(gh.comments[1]?.[2]?.body).toBe(
      `✅ Recovered: every account at or above threshold from ${FROM} to ${YESTERDAY} ([run](https://github.example/octo/mail/actions/runs/77)).`
    )
    expect(issue).toMatchObject({ state: 'closed', state_reason: 'completed', title: 'SendGrid engagement quality: Passed · lowest score 4' })
    expect(recovered.run.outputs['tracking-issue']).toBe(ISSUE_URL)
    expect(gh.issues).toHaveLength(1)
  })

  it('comments once on an outage whose waits and failing accounts differ from run to run, and again when SendGrid fails another way', async () => {
    const clock = new VirtualClock()
    let fault: (account: string | undefined) => FaultAction | undefined = () => undefined
    simulator = await startSimulator({
      clock,
      subusers: [
        { username: 'transactional', score: 4 },
        { username: 'promo', score: 2 }
      ],
      fault: (request) => fault(request.onBehalfOf)
    })
    github = await startFakeGitHub()
    const [sim, gh] = [simulator, github]
    const step = (more: Inputs = {}): Promise<ActionRun> => runInProcess(inputs(sim, more), scheduleEnv(gh), clock)
    /** Each account's error, without the verdict's. */
    const errors = (run: ActionRun): string[] => annotations(run.stdout, 'error').filter((line) => !line.startsWith('SendGrid engagement quality'))
    const internalError = { status: 500, body: { errors: [{ field: null, message: 'internal server error' }] } }

    expect((await step()).outputs.result).toBe('failed')
    // 500 for promo alone, given up within a second's retries.
    fault = (account) => (account === 'promo' ? internalError : undefined)
    const first = await step({ 'wait-timeout': '1500ms' })
    expect(errors(first)).toEqual([expect.stringMatching(/^promo: SendGrid answered 500 \(internal server error\) \(wait-timeout ran out while retrying, after \d{3}ms\)$/)])
    // 500 for both, given up after seconds of retries.
    fault = () => internalError
    const second = await step({ 'wait-timeout': '5s' })
    expect(errors(second).sort()).toEqual(
      ['promo', 'transactional'].map((account) => expect.stringMatching(new RegExp(`^${account}: SendGrid answered 500 \\(internal server error\\) \\(wait-timeout ran out while retrying, after \\ds\\)$`)))
    )
    // 429 until a reset an hour away, past wait-timeout.
    const reset = String(Math.ceil(clock.now() / 1000) + 3600)
    fault = () => ({ status: 429, body: { errors: [{ field: null, message: 'too many requests' }] }, headers: { 'X-RateLimit-Reset': reset } })
    const third = await step()
    expect(errors(third)).toContainEqual(expect.stringMatching(/^promo: rate limited: SendGrid's rate limit \(429\) resets at .*, after wait-timeout ends/))

    expect([first, second, third].map((run) => run.outputs.result)).toEqual(['error', 'error', 'error'])
    expect(gh.comments[1]?.map((comment) => comment.body.split('\n\n')[1])).toEqual([
      expect.stringMatching(/^- promo: SendGrid answered 500 \(internal server error\) \(wait-timeout ran out while retrying, after \d+ms\)$/),
      expect.stringMatching(/^- (promo|transactional): rate limited: SendGrid's rate limit \(429\) resets at .* \(and 1 more like it\)$/)
    ])
    expect(gh.issues[0]).toMatchObject({ state: 'open', title: 'SendGrid engagement quality: Failed · lowest score 2 · 1 breach' })
  })

  it('keeps one issue per check-name, and closes only the one that recovered', async () => {
    const scores: Scores = { transactional: 2, promo: 2 }
    const { sim, gh } = await serve(scores)
    const env = scheduleEnv(gh)
    await runDist(inputs(sim, { 'check-name': 'SEQ transactional', subusers: 'transactional' }), env)
    await runDist(inputs(sim, { 'check-name': 'SEQ promo', subusers: 'promo' }), env)
    scores.transactional = 4
    await runDist(inputs(sim, { 'check-name': 'SEQ transactional', subusers: 'transactional' }), env)

    expect(gh.issues.map((issue) => [issue.number, issue.title, issue.state])).toEqual([
      [1, 'SEQ transactional: Passed · lowest score 4', 'closed'],
      [2, 'SEQ promo: Failed · lowest score 2 · 1 breach', 'open']
    ])
    expect(gh.issues[0]?.body.startsWith(`${commentMarker('SEQ transactional')}\n`)).toBe(true)
    expect(gh.issues[1]?.body.startsWith(`${commentMarker('SEQ promo')}\n`)).toBe(true)
    expect(Object.keys(gh.comments)).toEqual(['1'])
  })

  it('warns once with what to add on a 403, and leaves the verdict to the gate', async () => {
    const { sim, gh } = await serve({ transactional: 4, promo: 2 }, { readOnly: true })
    const run = await runDist(inputs(sim), scheduleEnv(gh))

    expect(run.exitCode).toBe(1)
    expect(run.outputs.result).toBe('failed')
    expect(sent(gh)).toEqual(['GET /repos/octo/mail/issues', 'POST /repos/octo/mail/issues'])
    expect(annotations(run.stdout, 'warning')).toEqual([
      expect.stringMatching(/^Could not open the tracking issue: GitHub answered 403 \(Resource not accessible by integration.*\)\. Give the job `permissions: issues: write`/)
    ])
    expect(run.outputs['tracking-issue']).toBe('')
  })

  it('sends nothing without a token (the default left unsubstituted, as outside GitHub Actions)', async () => {
    const { sim, gh } = await serve({ transactional: 4, promo: 2 })
    const run = await runDist(inputs(sim, { 'github-token': '${{ github.token }}' }), scheduleEnv(gh))

    expect(run.exitCode).toBe(1)
    expect(gh.requests).toEqual([])
    expect(run.outputs['tracking-issue']).toBe('')
    expect(annotations(run.stdout, 'warning')).toEqual([])
  })
})

describe('finding the tracking issue', () => {
  it('reads every page of open issues with the label, skipping pull requests and other checks', async () => {
    const others: FakeIssue[] = Array.from({ length: 240 }, (_, index) => ({
      number: index + 1,
      title: `issue ${index + 1}`,
      body: index % 3 === 0 ? `${commentMarker('another check')}\nreport` : 'unrelated',
      state: 'open',
      labels: ['engagement-quality'],
      pullRequest: index === 10
    }))
    others[10] = { ...(others[10] as FakeIssue), body: `${MARKER}\na pull request that quotes the marker` }
    others[230] = { ...(others[230] as FakeIssue), body: `${MARKER}\nthe report of an earlier run` }
    const { sim, gh } = await serve({ transactional: 4, promo: 2 }, { issues: others })
    const run = await runInProcess(inputs(sim), scheduleEnv(gh))

    expect(gh.requests.filter((request) => request.method === 'GET').map((request) => request.query.page)).toEqual([undefined, '2', '3'])
    expect(sent(gh).filter((request) => !request.startsWith('GET'))).toEqual(['PATCH /repos/octo/mail/issues/231'])
    expect(gh.issues[230]?.body.endsWith(run.outputs.markdown ?? '')).toBe(true)
    expect(run.outputs['tracking-issue']).toBe('https://github.example/octo/mail/issues/231')
  })

  it('says to turn Issues on when the repository has them off (410)', async () => {
    const { sim, gh } = await serve({ transactional: 4, promo: 2 }, { issuesDisabled: true })
    const run = await runInProcess(inputs(sim), scheduleEnv(gh))

    expect(run.exitCode).toBe(1)
    expect(annotations(run.stdout, 'warning')).toEqual([
      expect.stringMatching(/^Could not find the tracking issue: GitHub answered 410 \(Issues are disabled for this repo.*Turn Issues on in the repository's settings/)
    ])
    expect(sent(gh)).toEqual(['GET /repos/octo/mail/issues'])
  })

  it('comments on an issue an earlier run left open when this run cannot check, never with the API key in it', async () => {
    const apiKey = 'SG.k$y*(with)|regex[chars]\\and"quotes'
    const echo = { status: 400, body: { errors: [{ field: 'authorization', message: `bad header Bearer ${apiKey}` }] } }
    simulator = await startSimulator({ apiKey, subusers: [{ username: 'promo' }], fault: () => echo })
    github = await startFakeGitHub({ issues: [{ number: 5, title: 'old', body: `${MARKER}\nan old report`, state: 'open', labels: ['engagement-quality'] }] })
    const run = await runInProcess({ ...inputs(simulator), 'api-key': apiKey, subusers: 'promo' }, scheduleEnv(github))

    expect(run.outputs.result).toBe('error')
    expect(sent(github).filter((request) => !request.startsWith('GET'))).toEqual(['POST /repos/octo/mail/issues/5/comments', 'PATCH /repos/octo/mail/issues/5'])
    expect(github.comments[5]?.[0]?.body).toContain('- promo: SendGrid answered 400 (authorization: bad header Bearer \\*\\*\\*)')
    expect(github.issues[0]).toMatchObject({ state: 'open', title: 'old' })
    expect(github.issues[0]?.body.endsWith('\nan old report')).toBe(true)
    for (const request of github.requests) expect(JSON.stringify(request.body ?? '')).not.toContain(JSON.stringify(apiKey).slice(1, -1))
  })

  it('takes the API key out of every text it sends, whatever the report and the failures hold', async () => {
    const apiKey = 'SG.a-key-that-got-into-the-report'
    github = await startFakeGitHub({})
    const config = { subusers: 'all' as const, from: YESTERDAY, to: YESTERDAY, minScore: 3, minMetricScores: {}, evaluate: 'all' as const, missingScores: 'warn' as const, github: { token: 'ghs_test', checkRun: false, checkName: 'SendGrid engagement quality', prComment: false, trackingIssue: true } }
    const failures = [failure({ account: 'promo', message: `SendGrid echoed ${apiKey}` })]
    const evaluation = evaluate({ records: RecordStore.of([{ account: apiKey, user_id: '1', date: YESTERDAY, score: 1 }]), failures }, config)
    const warnings: string[] = []
    const url = await trackIssue({ evaluation, markdown: `report naming ${apiKey}`, config, redact: redactor(apiKey) }, scheduleEnv(github), { debug: () => {}, warning: (text) => void warnings.push(text) })

    expect(warnings).toEqual([])
    expect(url).toMatch(/\/issues\/1$/)
    expect(github.issues[0]?.body).toContain('report naming ***')
    for (const request of github.requests) expect(JSON.stringify(request.body ?? '')).not.toContain(apiKey)
  })

  it('sends nothing outside a repository', async () => {
    const { sim, gh } = await serve({ transactional: 4, promo: 2 })
    const run = await runInProcess(inputs(sim), { ...scheduleEnv(gh), GITHUB_REPOSITORY: '' })

    expect(run.outputs.result).toBe('failed')
    expect(gh.requests).toEqual([])
  })
})
