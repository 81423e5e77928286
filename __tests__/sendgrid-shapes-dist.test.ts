import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { addDays, badRequest, DEFAULT_API_KEY, SCORES_PATH, startSimulator, SUBUSERS_SCORES_PATH, utcToday, type Simulator } from '../sim/simulator.js'
import { startProxy, type TestProxy } from './support/proxy.js'
import { annotations, runDist, type ActionRun } from './support/runner.js'
import { HAVE_OPENSSL, makeCertificates, type Certificates } from './support/tls.js'

/**
 * Issue 12 through the built bundle, as the runner runs it: what SendGrid really sends (empty and
 * absent results, null fields, an empty listing, refusals) judged and reported, checked in the
 * `result` output, the annotations and the job summary. Each run checks several items at once.
 */

const TODAY = utcToday()
const day = (offset: number): string => addDays(TODAY, offset)

let simulator: Simulator | undefined
let proxy: TestProxy | undefined
afterEach(async () => {
  await proxy?.close()
  await simulator?.close()
  proxy = undefined
  simulator = undefined
})

/** What a run must never print, whatever it found. */
function expectNoCrash(run: ActionRun): void {
  expect(run.stdout).not.toMatch(/^\s+at .*:\d+:\d+\)?$/m)
  expect(run.stdout).not.toContain('Unexpected failure')
}

const NOT_ELIGIBLE = 'SendGrid scores only accounts with open tracking on that sent about 1,000 messages in the last 30 days.'

describe('dist/index.js judges what SendGrid really sends', () => {
  it('reads no result, an empty one, null fields and entries without a date as missing scores; from: today works alone; region beside base-url warns', async () => {
    simulator = await startSimulator({
      parent: { username: 'acme', score: () => undefined },
      subusers: [
        { username: 'good', score: 4 },
        { username: 'nulls', score: () => undefined, unscored: 'null' },
        { username: 'empty', score: () => undefined }
      ],
      unscored: 'no-entry',
      emptyResult: 'absent',
      dates: 'multi-day-only'
    })
    const run = await runDist({
      'api-key': DEFAULT_API_KEY,
      'base-url': simulator.url,
      region: 'eu',
      subusers: 'good, nulls, empty',
      'include-parent': 'true',
      from: 'today'
    })

    expectNoCrash(run)
    expect(run.exitCode).toBe(0)
    expect(run.outputs.result).toBe('passed')
    expect(annotations(run.stdout, 'error')).toEqual([])
    expect(annotations(run.stdout, 'warning').sort()).toEqual(
      [
        `Input "region": "eu" is ignored: base-url is set, so requests go to ${simulator.url}`,
        `empty: no engagement quality score on ${TODAY}. ${NOT_ELIGIBLE}`,
        `nulls: no engagement quality score on ${TODAY}. ${NOT_ELIGIBLE}`,
        `parent account: no engagement quality score on ${TODAY}. ${NOT_ELIGIBLE}`
      ].sort()
    )
    // Every request asked for today alone; the listing and the accounts answered without dates, and `{}` for the unscored.
    expect(simulator.requests.every((request) => (request.query.from ?? request.query.date) === TODAY && (request.query.to ?? TODAY) === TODAY)).toBe(true)
    expect(simulator.requests.map((request) => request.onBehalfOf ?? request.path).sort()).toEqual([SCORES_PATH, SUBUSERS_SCORES_PATH, 'empty'].sort())
    expect(run.summary).toMatch(/^## ✅ SendGrid engagement quality passed: 1 account at or above threshold, 3 without a score, lowest score 4$/m)
    expect(run.summary).toMatch(/^\| ✅ \| good \| 4 \| 4\u00a0\d\d-\d\d \| 4 \| 4 \| 4 \| 4 \| 4 \|$/m)
    for (const account of ['nulls', 'empty', 'parent account'])
      expect(run.summary).toMatch(new RegExp(`^\\| ⚠️ no score \\| ${account}(\u00a0_\\(parent\\)_)? \\| – \\| – \\| – \\| – \\| – \\| – \\| – \\|$`, 'm'))
    expect(run.summary).not.toContain('outside its schema')
  })

  it('fails under missing-scores: fail when the listing names no subuser on any day, and says what that likely means; an empty after_key ends the paging', async () => {
    simulator = await startSimulator({ parent: { username: 'acme', score: 4 }, lastAfterKey: 'empty' })
    const run = await runDist({
      'api-key': DEFAULT_API_KEY,
      'base-url': simulator.url,
      subusers: '*',
      'include-parent': 'true',
      from: '-2d',
      'missing-scores': 'fail'
    })

    expectNoCrash(run)
    expect(run.exitCode).toBe(1)
    expect(run.outputs.result).toBe('failed')
    expect(annotations(run.stdout, 'error')).toEqual([
      `every subuser: no engagement quality score on 2 days (${day(-2)} to ${day(-1)}). ` +
        'SendGrid listed no subuser on any day: the API key likely belongs to a subuser, or to an account without subusers in this region.',
      'SendGrid engagement quality failed: no score on 2 days in 1 of 2 accounts; lowest score 4'
    ])
    expect(simulator.requests.filter((request) => request.path === SUBUSERS_SCORES_PATH)).toHaveLength(2) // one page a day
    expect(JSON.parse(run.outputs.missing ?? '')).toEqual([day(-2), day(-1)].map((date) => ({ account: 'every subuser', date })))
    expect(run.summary).toMatch(/^## ❌ SendGrid engagement quality failed: no score on 2 days in 1 of 2 accounts; lowest score 4/)
    expect(run.summary).toContain('| ⚠️ no score | every subuser | – | – | – | – | – | – | – | `··` |\n')
    expect(run.summary).toContain('- **every subuser**: no score in the range. SendGrid listed no subuser on any day: the API key likely belongs to a subuser')
    expect(run.summary).toMatch(/^\| ✅ \| acme\u00a0_\(parent\)_ \| 4 \|/m)
  })

  it("names SendGrid's field in a 400 and says what a listing 403 or 404 means, blaming no date, scope or base-url it did not name", async () => {
    const listingAnswers: Record<string, object> = {
      [day(-3)]: badRequest('date'),
      [day(-2)]: { status: 403, body: { errors: [{ field: null, message: 'access forbidden' }] } },
      [day(-1)]: { status: 404, body: { errors: [{ field: null, message: 'not found' }] } }
    }
    simulator = await startSimulator({
      parent: { username: 'acme' },
      fault: (request) => (request.path === SCORES_PATH ? badRequest('from') : (listingAnswers[request.query.date ?? ''] as never))
    })
    const run = await runDist({ 'api-key': DEFAULT_API_KEY, 'base-url': simulator.url, subusers: '*', 'include-parent': 'true', from: '-3d' })

    expectNoCrash(run)
    expect(run.exitCode).toBe(1)
    expect(run.outputs.result).toBe('error')
    const errors = annotations(run.stdout, 'error')
    expect(errors.slice(0, -1).sort()).toEqual(
      [
        'parent account: SendGrid answered 400 (from: failed to parse request: "from" cannot be more than 90 days in the past): ' +
          'check from: a UTC day at most 90 days back, and not after to',
        `every subuser on ${day(-3)}: SendGrid answered 400 (date: failed to parse request: "date" cannot be in the future): ` +
          'check from and to: each day between them is asked for, and must be at most 90 days back and not in the future',
        `every subuser on ${day(-2)}: SendGrid answered 403 (access forbidden): the key may not list subusers' scores: ` +
          'its account is likely a subuser itself or has no subusers, or the key may not read subusers (SendGrid does not document which permission that takes)',
        `every subuser on ${day(-1)}: SendGrid answered 404 (not found): SendGrid found no subusers to list: ` +
          `the key's account is likely a subuser itself or has no subusers, or 127.0.0.1:${simulator.port} is not SendGrid's API; check base-url`
      ].sort()
    )
    expect(run.stdout).not.toMatch(/from\/to dates|check its scopes|has no Engagement Quality API/)
    expect(run.summary).toMatch(/### Not checked[\s\S]*\*\*every subuser on \S+\*\* \(error\): SendGrid answered 403/)
    expect(run.summary).not.toContain(' every subuser |') // no day was read, so no day is missing
  })

  it('says a 401 on behalf of a name is about the name once the same key read another account', async () => {
    simulator = await startSimulator({
      parent: { username: 'acme' },
      subusers: [{ username: 'marketing', score: 5 }],
      fault: (request) => (request.onBehalfOf === 'ghost' ? { status: 401, body: { errors: [{ field: null, message: 'authorization required' }] } } : undefined)
    })
    const run = await runDist({ 'api-key': DEFAULT_API_KEY, 'base-url': simulator.url, subusers: 'marketing, ghost', from: '-2d' })

    expectNoCrash(run)
    expect(run.exitCode).toBe(1)
    expect(run.outputs.result).toBe('error')
    expect(annotations(run.stdout, 'error')[0]).toBe(
      'ghost: SendGrid answered 401 (authorization required): the same API key read another account in this run, ' +
        `so "ghost" is likely not a subuser or customer account of the key's account; check its spelling`
    )
    expect(run.summary).toMatch(/^\| ✅ \| marketing \| 5 \|/m)
    expect(run.summary).toMatch(/\*\*ghost\*\* \(error\): SendGrid answered 401 .*likely not a subuser/)
  })
})

const describeTls = HAVE_OPENSSL ? describe : describe.skip
const SKIP_REASON = HAVE_OPENSSL ? '' : ' (SKIPPED: openssl is not on PATH, so no certificate can be generated)'

describeTls(`dist/index.js in a SendGrid region${SKIP_REASON}`, () => {
  let certificates: Certificates
  beforeAll(() => {
    certificates = makeCertificates()
  })
  afterAll(() => rmSync(certificates.dir, { recursive: true, force: true }))

  it('suggests the other region for a subuser SendGrid will not read in this one', async () => {
    // The simulator plays api.sendgrid.com: the proxy sends the tunnel there, so nothing reaches SendGrid.
    simulator = await startSimulator({ parent: { username: 'acme' }, tls: certificates.otherHost })
    const port = simulator.port
    proxy = await startProxy({ route: (target) => (target === 'api.sendgrid.com:443' ? `127.0.0.1:${port}` : undefined) })
    const run = await runDist(
      { 'api-key': DEFAULT_API_KEY, region: 'global', subusers: 'eu-newsletters', from: '-2d' },
      { HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: certificates.caFile }
    )

    expectNoCrash(run)
    expect(proxy.requests).toEqual([{ method: 'CONNECT', target: 'api.sendgrid.com:443' }])
    expect(run.outputs.result).toBe('error')
    expect(annotations(run.stdout, 'error')[0]).toBe(
      'eu-newsletters: SendGrid answered 403 (access forbidden): check that "eu-newsletters" is a subuser or customer account of the key\'s account, ' +
        "spelled as in SendGrid, and that the key is the parent account's and may act for subusers (SendGrid does not document which permission that takes); " +
        'if "eu-newsletters" is an EU regional subuser, set region: eu'
    )
  })
})

describe('dist/cli/index.js', () => {
  it('prints the config warnings on stderr, naming the flag', async () => {
    simulator = await startSimulator({ parent: { username: 'acme' } })
    const cli = spawn(process.execPath, [fileURLToPath(new URL('../dist/cli/index.js', import.meta.url)), '--region', 'eu', '--base-url', simulator.url], {
      env: { PATH: process.env.PATH ?? '', SENDGRID_API_KEY: DEFAULT_API_KEY },
      stdio: ['ignore', 'ignore', 'pipe']
    })
    const stderr: string[] = []
    cli.stderr.on('data', (chunk) => stderr.push(String(chunk)))
    const exitCode = await new Promise<number>((resolve) => cli.on('close', (code) => resolve(code ?? -1)))

    expect(exitCode).toBe(0)
    expect(stderr.join('')).toContain(`seq-gate: warning: --region: "eu" is ignored: base-url is set, so requests go to ${simulator.url}\n`)
  })
})
