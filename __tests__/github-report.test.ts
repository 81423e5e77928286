import { afterEach, describe, expect, it } from '@jest/globals'
import { readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { commentMarker } from '../src/report/github.js'
import { addDays, DEFAULT_API_KEY, startSimulator, utcToday, type Simulator, type SimulatorOptions } from '../sim/simulator.js'
import { startFakeGitHub, type FakeGitHub, type FakeGitHubOptions, type Recorded } from './support/fake-github.js'
import { annotations, runDist, runInProcess, type Inputs } from './support/runner.js'
import { temporaryFolder } from './support/temp.js'

/** The real run() against the SendGrid simulator and a fake GitHub REST API, both on 127.0.0.1. */

const TOKEN = 'ghs_fake-installation-token'
const HEAD_SHA = 'a'.repeat(40)
const MERGE_SHA = 'b'.repeat(40)
const MARKER = commentMarker('SendGrid engagement quality')

let simulator: Simulator | undefined
let github: FakeGitHub | undefined
afterEach(async () => {
  await Promise.all([simulator?.close(), github?.close()])
  simulator = github = undefined
})

/** A parent account scored 5 on every day but yesterday, when it scored `latest`. */
const dropsTo = (latest: number): SimulatorOptions => {
  const yesterday = addDays(utcToday(), -1)
  return { parent: { username: 'acme', score: (date) => (date === yesterday ? latest : 5) } }
}

async function serve(sim: SimulatorOptions, fake: FakeGitHubOptions = {}): Promise<{ sim: Simulator; gh: FakeGitHub }> {
  simulator = await startSimulator(sim)
  github = await startFakeGitHub(fake)
  return { sim: simulator, gh: github }
}

function inputs(sim: Simulator, overrides: Inputs = {}): Inputs {
  return { 'api-key': DEFAULT_API_KEY, 'base-url': sim.url, 'poll-interval': '20ms', 'github-token': TOKEN, ...overrides }
}

/** The runner's variables for an event, its payload written to a file as the runner does. */
async function eventEnv(gh: FakeGitHub, eventName: string, payload: unknown): Promise<Record<string, string>> {
  const path = join(await temporaryFolder('seq-event-'), 'event.json')
  await writeFile(path, JSON.stringify(payload))
  return { GITHUB_API_URL: gh.url, GITHUB_REPOSITORY: 'octo/mail', GITHUB_SHA: MERGE_SHA, GITHUB_EVENT_NAME: eventName, GITHUB_EVENT_PATH: path }
}

const pullRequestEvent = (number = 42): unknown => ({ action: 'synchronize', number, pull_request: { number, head: { sha: HEAD_SHA } } })
const pushEvent = { ref: 'refs/heads/feature', after: MERGE_SHA }

const checkRuns = (gh: FakeGitHub): Recorded[] => gh.requests.filter((request) => request.path === '/repos/octo/mail/check-runs')
const writes = (gh: FakeGitHub): Recorded[] => gh.requests.filter((request) => request.method !== 'GET')

describe('check run', () => {
  it('goes on the pull request head with the verdict, the lowest score and the report', async () => {
    const { sim, gh } = await serve(dropsTo(2))
    const run = await runInProcess(inputs(sim), await eventEnv(gh, 'pull_request', pullRequestEvent()))

    expect(run.exitCode).toBe(1)
    const [check, ...others] = checkRuns(gh)
    expect(others).toEqual([])
    expect(check?.method).toBe('POST')
    expect(check?.headers.authorization).toBe(`token ${TOKEN}`)
    expect(check?.body).toEqual({
      name: 'SendGrid engagement quality',
      head_sha: HEAD_SHA,
      status: 'completed',
      conclusion: 'failure',
      output: { title: 'Failed · lowest score 2 · 1 breach', summary: run.outputs.markdown }
    })
    expect(run.outputs.markdown).toMatch(/^## ❌ SendGrid engagement quality failed: 1 account below threshold: score on 1 day; lowest score 2\n/)
    expect(run.outputs.markdown).toContain('```mermaid\n')
    expect(run.outputs.markdown).toMatch(/^\| ❌ 1 of 7 days \| acme\u00a0_\(parent\)_ \| \*\*2\*\* \|/m)
    // no comment unless asked for
    expect(gh.requests.filter((request) => request.path.includes('/issues/'))).toEqual([])
  })

  it('uses check-name, GITHUB_SHA outside pull requests, success on a pass and neutral when reporting only', async () => {
    const { sim, gh } = await serve(dropsTo(4))
    const env = await eventEnv(gh, 'schedule', { schedule: '0 7 * * *' })
    await runInProcess(inputs(sim, { 'check-name': 'SEQ (eu)' }), env)
    await runInProcess(inputs(sim, { 'min-score': '5', 'fail-on-breach': 'false' }), env)

    expect(checkRuns(gh).map((request) => [request.body?.name, request.body?.head_sha, request.body?.conclusion])).toEqual([
      ['SEQ (eu)', MERGE_SHA, 'success'],
      ['SendGrid engagement quality', MERGE_SHA, 'neutral']
    ])
    expect(checkRuns(gh).map((request) => (request.body?.output as { title: string }).title)).toEqual([
      'Passed · lowest score 4',
      'Failed · lowest score 4 · 1 breach'
    ])
  })

  it('sends nothing with check-run: false and no pr-comment', async () => {
    const { sim, gh } = await serve(dropsTo(4))
    const run = await runInProcess(inputs(sim, { 'check-run': 'false' }), await eventEnv(gh, 'pull_request', pullRequestEvent()))

    expect(run.exitCode).toBe(0)
    expect(gh.requests).toEqual([])
  })

  it('sends nothing without a token (the default left unsubstituted, as outside GitHub Actions)', async () => {
    const { sim, gh } = await serve(dropsTo(4))
    const run = await runInProcess(inputs(sim, { 'github-token': '', 'pr-comment': 'true' }), await eventEnv(gh, 'pull_request', pullRequestEvent()))

    expect(run.exitCode).toBe(0)
    expect(gh.requests).toEqual([])
  })
})

describe('sticky pull-request comment', () => {
  it('is created once with the marker, then updated in place', async () => {
    const { sim, gh } = await serve(dropsTo(2))
    const env = await eventEnv(gh, 'pull_request', pullRequestEvent(42))
    const first = await runInProcess(inputs(sim, { 'pr-comment': 'true', 'check-run': 'false' }), env)
    const second = await runInProcess(inputs(sim, { 'pr-comment': 'true', 'check-run': 'false', 'min-score': '1' }), env)

    expect(writes(gh).map((request) => `${request.method} ${request.path}`)).toEqual([
      'POST /repos/octo/mail/issues/42/comments',
      'PATCH /repos/octo/mail/issues/comments/9000'
    ])
    expect(gh.comments[42]).toEqual([{ id: 9000, body: `${MARKER}\n${second.outputs.markdown}` }])
    expect(writes(gh)[0]?.body).toEqual({ body: `${MARKER}\n${first.outputs.markdown}` })
    expect(second.outputs.markdown).toMatch(/^## ✅ SendGrid engagement quality passed/)
  })

  it('reads every page of existing comments to find its own', async () => {
    const others = Array.from({ length: 250 }, (_, index) => ({ id: index + 1, body: `comment ${index + 1}` }))
    others[229] = { id: 230, body: `${MARKER}\nan older report` }
    const { sim, gh } = await serve(dropsTo(4), { comments: { 42: others } })
    await runInProcess(inputs(sim, { 'pr-comment': 'true', 'check-run': 'false' }), await eventEnv(gh, 'pull_request', pullRequestEvent(42)))

    const reads = gh.requests.filter((request) => request.method === 'GET')
    expect(reads.map((request) => [request.path, request.query.per_page, request.query.page])).toEqual([
      ['/repos/octo/mail/issues/42/comments', '100', undefined],
      ['/repos/octo/mail/issues/42/comments', '100', '2'],
      ['/repos/octo/mail/issues/42/comments', '100', '3']
    ])
    expect(writes(gh).map((request) => `${request.method} ${request.path}`)).toEqual(['PATCH /repos/octo/mail/issues/comments/230'])
    expect(gh.comments[42]?.[229]?.body).toMatch(/^<!-- sendgrid-engagement-quality-gate: SendGrid%20engagement%20quality -->\n## ✅/)
    expect(gh.comments[42]).toHaveLength(250)
  })

  it('on push, comments on the open pull requests the commit belongs to', async () => {
    const pulls = { [MERGE_SHA]: [{ number: 7, state: 'open' as const }, { number: 3, state: 'closed' as const }] }
    const { sim, gh } = await serve(dropsTo(4), { pullsOfCommit: pulls })
    await runInProcess(inputs(sim, { 'pr-comment': 'true' }), await eventEnv(gh, 'push', pushEvent))

    expect(gh.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'POST /repos/octo/mail/check-runs',
      `GET /repos/octo/mail/commits/${MERGE_SHA}/pulls`,
      'GET /repos/octo/mail/issues/7/comments',
      'POST /repos/octo/mail/issues/7/comments'
    ])
    expect(checkRuns(gh)[0]?.body?.head_sha).toBe(MERGE_SHA)
  })

  it('does not comment on a scheduled run', async () => {
    const { sim, gh } = await serve(dropsTo(4))
    await runInProcess(inputs(sim, { 'pr-comment': 'true', 'check-run': 'false' }), await eventEnv(gh, 'schedule', {}))

    expect(gh.requests).toEqual([])
  })
})

describe('a read-only token (pull requests from forks)', () => {
  it('warns once, sends nothing more, and leaves the verdict to the gate', async () => {
    const { sim, gh } = await serve(dropsTo(4), { readOnly: true })
    const run = await runInProcess(inputs(sim, { 'pr-comment': 'true' }), await eventEnv(gh, 'pull_request', pullRequestEvent()))

    expect(run.exitCode).toBe(0)
    expect(run.outputs.result).toBe('passed')
    expect(gh.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['POST /repos/octo/mail/check-runs'])
    expect(annotations(run.stdout, 'warning')).toEqual([
      expect.stringMatching(/^Could not create the check run: GitHub answered 403 \(Resource not accessible by integration.*Pull requests from forks get a read-only token/)
    ])
    expect(annotations(run.stdout, 'error')).toEqual([])
  })

  it('still fails the step on a breach, for the breach alone', async () => {
    const { sim, gh } = await serve(dropsTo(2), { readOnly: true })
    const run = await runInProcess(inputs(sim), await eventEnv(gh, 'pull_request', pullRequestEvent()))

    expect(run.exitCode).toBe(1)
    expect(annotations(run.stdout, 'warning')).toHaveLength(1)
    expect(annotations(run.stdout, 'error').at(-1)).toMatch(/^SendGrid engagement quality failed: 1 account below threshold: score on 1 day/)
  })
})

describe('max-drop', () => {
  it('fails on a fall from the best day that stays above min-score, with metric drop in failures', async () => {
    const { sim, gh } = await serve(dropsTo(4))
    const run = await runInProcess(inputs(sim, { 'max-drop': '1', 'check-run': 'false' }), await eventEnv(gh, 'schedule', {}))

    expect(run.exitCode).toBe(1)
    const failures = JSON.parse(run.outputs.failures ?? '') as { account: string; date: string; metric: string; value: number; threshold: number; best: { date: string; score: number } }[]
    expect(failures).toEqual([
      { account: 'acme', date: expect.any(String), metric: 'drop', value: 1, threshold: 1, best: { date: expect.any(String), score: 5 } }
    ])
    const [drop] = failures
    expect(drop && drop.best.date < drop.date).toBe(true)
    expect(annotations(run.stdout, 'error')[0]).toMatch(/^acme: score fell to 4 on \d{4}-\d{2}-\d{2}, 1 below its best of 5 on \d{4}-\d{2}-\d{2} \(max-drop 1\)$/)
    expect(run.summary).toMatch(/\n1\. \*\*acme\*\* \(parent\): score fell \*\*1\*\* to 4 on \d{4}-\d{2}-\d{2} from its best of 5 on \d{4}-\d{2}-\d{2} \(max-drop 1\)/)
  })

  it('passes the same scores when the drop is under max-drop', async () => {
    const { sim } = await serve(dropsTo(4))
    const run = await runInProcess(inputs(sim, { 'max-drop': '1.5', 'check-run': 'false' }))

    expect(run.exitCode).toBe(0)
    expect(JSON.parse(run.outputs.failures ?? '')).toEqual([])
  })
})

describe('report-file and markdown outputs', () => {
  it('write every record, breach and the outcome, and the config without the key or token', async () => {
    const { sim } = await serve(dropsTo(2))
    const run = await runInProcess(inputs(sim, { 'check-run': 'false', 'max-drop': '2' }))

    const path = run.outputs['report-file'] ?? ''
    expect(path.startsWith(tmpdir()) || path.includes('seq-gate-')).toBe(true)
    const text = await readFile(path, 'utf8')
    const document = JSON.parse(text) as Record<string, unknown> & { config: Record<string, unknown> }
    // Written a record per line, as it streams them.
    expect(text.split('\n').filter((line) => /^ {4}\{"account":"acme","user_id":/.test(line))).toHaveLength(7)
    expect(document.outcome).toEqual({
      result: 'failed',
      passed: false,
      stepFailed: true,
      lowestScore: 2,
      atRiskCount: 0,
      verdict: 'SendGrid engagement quality failed: 1 account below threshold: score on 1 day; 1 account fell 2 or more below its best score; lowest score 2'
    })
    expect(document.records).toEqual(JSON.parse(run.outputs.scores ?? ''))
    expect(document.records).toHaveLength(7)
    expect(document.breaches).toEqual(JSON.parse(run.outputs.failures ?? ''))
    expect((document.breaches as { metric: string }[]).map((breach) => breach.metric)).toEqual(['score', 'drop'])
    expect(document.config).toMatchObject({ minScore: 3, maxDrop: 2, baseUrl: sim.url, github: { checkRun: false, prComment: false } })
    expect(Object.keys(document.config)).not.toContain('apiKey')
    expect(Object.keys(document.config.github as object)).not.toContain('token')
    expect(run.outputs.markdown).toBe(run.summary)
  })

  it('never carry the API key, nor do the check run and the comment, even when SendGrid echoes it', async () => {
    const apiKey = 'SG.k$y*(with)|regex[chars]\\and"quotes'
    const echo = { status: 400, body: { errors: [{ field: 'authorization', message: `bad header Bearer ${apiKey}` }] } }
    const { sim, gh } = await serve({ apiKey, fault: (request) => (request.onBehalfOf === 'ghost' ? echo : undefined), subusers: [{ username: 'fine' }] })
    const run = await runInProcess(
      inputs(sim, { 'api-key': apiKey, subusers: 'fine, ghost', 'pr-comment': 'true' }),
      await eventEnv(gh, 'pull_request', pullRequestEvent())
    )

    expect(run.outputs.result).toBe('error')
    const reportFile = await readFile(run.outputs['report-file'] ?? '', 'utf8')
    const sent = gh.requests.map((request) => JSON.stringify(request.body ?? ''))
    expect(sent).toHaveLength(3) // check run, comment lookup, comment
    expect(run.outputs.markdown).toContain('bad header Bearer \\*\\*\\*')
    expect(reportFile).toContain('bad header Bearer ***')
    for (const text of [run.outputs.markdown ?? '', reportFile, ...sent, JSON.stringify(gh.comments)]) {
      expect(text).not.toContain(apiKey)
      expect(text).not.toContain(JSON.stringify(apiKey).slice(1, -1))
    }
  })
})

describe('the bundle', () => {
  it('loads @actions/github on demand and creates the check run (run npm run build first)', async () => {
    const { sim, gh } = await serve(dropsTo(4))
    const run = await runDist(inputs(sim), await eventEnv(gh, 'pull_request', pullRequestEvent()))

    expect(run.exitCode).toBe(0)
    expect(checkRuns(gh).map((request) => [request.body?.head_sha, request.body?.conclusion])).toEqual([[HEAD_SHA, 'success']])
  })
})
