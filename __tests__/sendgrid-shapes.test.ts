import { afterAll, afterEach, describe, expect, it } from '@jest/globals'
import { Agent } from 'undici'
import { badRequest, DEFAULT_API_KEY, startSimulator, SUBUSERS_SCORES_PATH, type Simulator, type SimulatorOptions } from '../sim/simulator.js'
import type { Clock } from '../src/clock.js'
import type { Collection } from '../src/records/collection.js'
import { evaluate } from '../src/gate/evaluate.js'
import { parseConfig, type Config, type InputName } from '../src/inputs.js'
import { collectScores } from '../src/sendgrid/collect.js'
import { SendGridClient, type ApiOutcome, type Region } from '../src/sendgrid/client.js'
import { OffSchemaError, parseAccountScores, parseSubuserPage, UnusableResponseError } from '../src/sendgrid/responses.js'
import { DEFAULT_POLICY } from '../src/sendgrid/retry-policy.js'

/**
 * What SendGrid really sends, judged as its schema allows: the shapes the schema permits (no
 * `result`, no entry, null fields, no date on a one-day request, an empty after_key), data it allows
 * but that cannot be judged, and the messages for each refusal, read by the real client from the
 * simulator over a real socket.
 */

const TODAY = '2026-11-20'
const YESTERDAY = '2026-11-19'
const METRICS = { engagement_recency: 4, open_rate: 4, bounce_classification: 4, bounce_rate: 4, spam_rate: 4 }

let simulator: Simulator | undefined
const agent = new Agent()
afterEach(async () => {
  await simulator?.close()
  simulator = undefined
})
afterAll(() => agent.close())

/** Time that moves only when the engine sleeps: nothing here may wait for the machine. */
function virtualClock(): Clock {
  let now = Date.parse(`${TODAY}T12:00:00Z`)
  return { now: () => now, sleep: async (ms) => void (now += ms) }
}

async function client(options: SimulatorOptions, region?: Region): Promise<SendGridClient> {
  simulator = await startSimulator({ today: TODAY, parent: { username: 'acme' }, ...options })
  return new SendGridClient({ apiKey: DEFAULT_API_KEY, baseUrl: simulator.url, region, dispatcher: agent })
}

async function collect(options: SimulatorOptions, config: Pick<Config, 'parent' | 'subusers'> & { from?: string; to?: string }): Promise<Collection> {
  const clock = virtualClock()
  const polling = { policy: { ...DEFAULT_POLICY, pollIntervalMs: 1000 }, clock, deadlineMs: clock.now() + 60_000, requestTimeoutMs: 10_000 }
  return collectScores({ from: '2026-11-17', to: YESTERDAY, ...config }, await client(options), polling)
}

/** The message of a failed answer. */
function messageOf(outcome: ApiOutcome): string {
  if (outcome.kind !== 'failed') throw new Error(`expected a failure, got ${outcome.kind}`)
  return outcome.message
}

/** The error `parse` throws. */
function thrown(parse: () => unknown): Error {
  try {
    parse()
  } catch (error) {
    return error as Error
  }
  throw new Error('expected an error')
}

describe('the simulator sends the shapes SendGrid may', () => {
  async function body(options: SimulatorOptions, path: string, onBehalfOf?: string): Promise<unknown> {
    simulator = await startSimulator({ today: TODAY, parent: { username: 'acme' }, ...options })
    const headers: Record<string, string> = { authorization: `Bearer ${DEFAULT_API_KEY}`, ...(onBehalfOf ? { 'on-behalf-of': onBehalfOf } : {}) }
    const response = await fetch(`${simulator.url}${path}`, { headers })
    const text = await response.text()
    await simulator.close()
    return { status: response.status, json: JSON.parse(text) as unknown }
  }
  const never = { score: () => undefined }
  const oneDay = `/v3/engagementquality/scores?from=${YESTERDAY}&to=${YESTERDAY}`
  const listing = `${SUBUSERS_SCORES_PATH}?date=${YESTERDAY}`

  it('null score and metrics, no entry, no result, and no date on a one-day request', async () => {
    expect(await body({ parent: { username: 'acme', ...never }, unscored: 'null' }, oneDay)).toEqual({
      status: 200,
      json: { result: [{ user_id: '1', username: 'acme', date: YESTERDAY, score: null, metrics: null }] }
    })
    expect(await body({ parent: { username: 'acme', ...never, unscored: 'no-entry' } }, oneDay)).toEqual({ status: 200, json: { result: [] } })
    expect(await body({ parent: { username: 'acme', ...never }, unscored: 'no-entry', emptyResult: 'absent' }, oneDay)).toEqual({ status: 200, json: {} })
    expect(await body({ dates: 'multi-day-only' }, oneDay)).toEqual({ status: 200, json: { result: [expect.not.objectContaining({ date: expect.anything() })] } })
    expect(await body({ dates: 'multi-day-only' }, `/v3/engagementquality/scores?from=2026-11-18&to=${YESTERDAY}`)).toMatchObject({
      json: { result: [{ date: '2026-11-18' }, { date: YESTERDAY }] }
    })
  })

  it('an empty listing, its last page ending in a null or empty after_key, and its 403 and 404', async () => {
    expect(await body({ lastAfterKey: 'empty' }, listing)).toEqual({ status: 200, json: { result: [], _metadata: { next_params: { after_key: '' } } } })
    expect(await body({ lastAfterKey: 'null', subusers: [{ username: 'a', ...never, unscored: 'no-entry' }] }, listing)).toEqual({
      status: 200,
      json: { result: [], _metadata: { next_params: { after_key: null } } }
    })
    expect(await body({ subuserListing: 403 }, listing)).toEqual({ status: 403, json: { errors: [{ field: null, message: 'access forbidden' }] } })
    expect(await body({ subuserListing: 404 }, listing)).toEqual({ status: 404, json: { errors: [{ field: null, message: 'not found' }] } })
  })
})

describe('what the schema leaves out is a missing score, not an error', () => {
  it.each([
    ['an empty result', { result: [] }],
    ['no result', {}],
    ['a null result', { result: null }]
  ])('reads %s from /scores as no records', (_, body) => {
    expect(parseAccountScores(body, '2026-11-17', YESTERDAY, 'alice')).toEqual([])
  })

  it('still requires the listing to carry its result, as its schema does', () => {
    const error = thrown(() => parseSubuserPage({ _metadata: {} }, YESTERDAY))
    expect(error).toBeInstanceOf(OffSchemaError)
    expect(error.message).toBe('SendGrid sent data outside its schema: the body has no "result" array')
  })

  it('reads a null score or null metrics as omitted', () => {
    const body = {
      result: [
        { user_id: '1', username: 'alice', date: '2026-11-18', score: null, metrics: null },
        { user_id: '1', username: 'alice', date: YESTERDAY, score: null, metrics: METRICS }
      ]
    }
    expect(parseAccountScores(body, '2026-11-18', YESTERDAY, undefined)).toEqual([
      { account: 'alice', user_id: '1', date: '2026-11-18' },
      { account: 'alice', user_id: '1', date: YESTERDAY, metrics: METRICS }
    ])
  })

  it('gives an entry without a date the one day asked for', () => {
    expect(parseAccountScores({ result: [{ user_id: '1', score: 3, metrics: METRICS }] }, YESTERDAY, YESTERDAY, 'alice')).toEqual([
      { account: 'alice', user_id: '1', date: YESTERDAY, score: 3, metrics: METRICS }
    ])
    expect(parseSubuserPage({ result: [{ user_id: '7', username: 'bob', date: null }] }, YESTERDAY).records).toEqual([
      { account: 'bob', user_id: '7', date: YESTERDAY }
    ])
  })

  it.each([
    ['absent', {}],
    ['null', { after_key: null }],
    ['empty', { after_key: '' }]
  ])('ends the paging when after_key is %s', (_, next) => {
    expect(parseSubuserPage({ result: [], _metadata: { next_params: next } }, YESTERDAY).afterKey).toBeUndefined()
  })
})

describe('what the schema allows but cannot be judged says what was wrong, without "outside its schema"', () => {
  it.each([
    [
      'an entry without a date when several days were asked for',
      () => parseAccountScores({ result: [{ user_id: '1', score: 3 }] }, '2026-11-17', YESTERDAY, 'alice'),
      'result[0] has no date, and the request covered 2026-11-17 to 2026-11-19'
    ],
    [
      'a day outside the range asked for',
      () => parseAccountScores({ result: [{ user_id: '1', date: TODAY }] }, '2026-11-17', YESTERDAY, 'alice'),
      'result[0] is for 2026-11-20, but the request asked for 2026-11-17 to 2026-11-19'
    ],
    [
      'a listing entry for another day',
      () => parseSubuserPage({ result: [{ user_id: '1', username: 'bob', date: '2026-11-18' }] }, YESTERDAY),
      'result[0] is for 2026-11-18, but the request asked for 2026-11-19'
    ],
    [
      'a day given twice',
      () => parseAccountScores({ result: [{ user_id: '1', date: YESTERDAY }, { user_id: '1', date: YESTERDAY }] }, YESTERDAY, YESTERDAY, 'alice'),
      'alice appears twice for 2026-11-19'
    ]
  ])('%s', (_, parse, detail) => {
    const error = thrown(parse)
    expect(error).toBeInstanceOf(UnusableResponseError)
    expect(error).not.toBeInstanceOf(OffSchemaError)
    expect(error.message).toBe(`SendGrid's answer cannot be judged: ${detail}`)
  })
})

describe('the collector', () => {
  it('counts an account answered without any entry as missing, the key own account under its label', async () => {
    const collection = await collect(
      { unscored: 'no-entry', emptyResult: 'absent', parent: { username: 'acme', score: () => undefined }, subusers: [{ username: 'quiet', score: () => undefined }] },
      { parent: true, subusers: ['quiet'] }
    )

    expect(collection.failures).toEqual([])
    expect([...collection.records]).toEqual([])
    // In the order the answers came back, which is the machine's business.
    expect(collection.unscored?.map(({ account }) => account).sort()).toEqual(['parent account', 'quiet'])
    const evaluation = evaluate(collection, { ...judging, subusers: ['quiet'] })
    expect([...evaluation.missing].map(({ account }) => account)).toEqual([...Array(3).fill('parent account'), ...Array(3).fill('quiet')])
  })

  it('reports a listing that names nobody on any day under * as missing for every subuser, saying what it likely means', async () => {
    const collection = await collect({ lastAfterKey: 'empty' }, { parent: false, subusers: 'all' })

    expect(collection.failures).toEqual([])
    expect(collection.unscored).toEqual([{ account: 'every subuser', note: expect.stringMatching(/^SendGrid listed no subuser on any day: the API key likely belongs to a subuser/) }])
    expect(simulator?.requests.filter((request) => request.path === SUBUSERS_SCORES_PATH)).toHaveLength(3) // "" ended each day's paging
    const evaluation = evaluate(collection, { ...judging, subusers: 'all', missingScores: 'fail' })
    expect(evaluation.result).toBe('failed')
    expect([...evaluation.missing]).toEqual(['2026-11-17', '2026-11-18', YESTERDAY].map((date) => ({ account: 'every subuser', date })))
    expect(evaluation.accounts.map((verdict) => verdict.note)).toEqual([collection.unscored?.[0]?.note])
  })

  it('keeps every subuser missing only on the days read when other days of the listing failed', async () => {
    const collection = await collect(
      { fault: (request) => (request.path === SUBUSERS_SCORES_PATH && request.query.date === '2026-11-18' ? { status: 500, body: {} } : undefined) },
      { parent: false, subusers: 'all' }
    )

    expect(collection.failures.map((failure) => failure.date)).toEqual(['2026-11-18'])
    const evaluation = evaluate(collection, { ...judging, subusers: 'all' })
    expect([...evaluation.missing].map(({ date }) => date)).toEqual(['2026-11-17', YESTERDAY])
  })

  it('does not report every subuser missing when the listing named someone, scored or not', async () => {
    const collection = await collect({ subusers: [{ username: 'quiet', score: () => undefined }], usernames: 'scored-only' }, { parent: false, subusers: 'all' })

    expect(collection.unscored).toEqual([])
    expect([...collection.records].map((record) => record.account)).toEqual(['user_id 1001', 'user_id 1001', 'user_id 1001'])
  })

  it('says a 401 on behalf of a name is about the name once the same key read another account, whatever answered first', async () => {
    const collection = await collect(
      {
        subusers: [{ username: 'marketing' }],
        // ghost's refusal comes back long before marketing's scores; the message is settled at the end.
        latencyMs: (request) => (request.onBehalfOf === 'marketing' ? 200 : 0),
        fault: (request) => (request.onBehalfOf === 'ghost' ? { status: 401, body: { errors: [{ field: null, message: 'authorization required' }] } } : undefined)
      },
      { parent: false, subusers: ['marketing', 'ghost'] }
    )

    expect(collection.failures).toEqual([
      {
        account: 'ghost',
        date: undefined,
        outcome: 'error',
        message:
          'SendGrid answered 401 (authorization required): the same API key read another account in this run, so "ghost" is likely not ' +
          "a subuser or customer account of the key's account; check its spelling",
        cause: { endpoint: 'scores', status: 401 }
      }
    ])
  })

  it('blames the key or the name for a 401 when nothing was read with the key', async () => {
    const collection = await collect({ apiKey: 'SG.another-key' }, { parent: false, subusers: ['ghost'] })

    expect(collection.failures[0]?.message).toBe(
      'SendGrid answered 401 (authorization required): the API key was rejected, or "ghost" is not a subuser of its account; ' +
        'check that the api-key secret holds a current, unrevoked SendGrid API key of the parent account, and the name'
    )
  })
})

const judging = {
  from: '2026-11-17',
  to: YESTERDAY,
  minScore: 3,
  minMetricScores: {},
  evaluate: 'all' as const,
  missingScores: 'warn' as const,
  maxDrop: undefined
}

describe('a 400 names the field SendGrid named and what to check for it', () => {
  it.each([
    ['from', 'check from: a UTC day at most 90 days back, and not after to'],
    ['to', "check to: a UTC day not in the future (SendGrid's UTC date decides), and not before from"],
    ['date', 'check from and to: each day between them is asked for, and must be at most 90 days back and not in the future'],
    ['limit', "limit is this action's own page size, not an input: report it, as SendGrid may have changed what it accepts"],
    ['after_key', 'after_key is the paging key SendGrid itself sent: rerun, and report it if it persists']
  ] as const)('%s', async (field, advice) => {
    const sendGrid = await client({ fault: () => badRequest(field) })
    const message = messageOf(await sendGrid.subuserScores(YESTERDAY, undefined, 5000))

    expect(message).toMatch(new RegExp(`^SendGrid answered 400 \\(${field}: failed to parse request: "${field}" [^)]*\\): `))
    expect(message.endsWith(`: ${advice}`)).toBe(true)
  })

  it('falls back to SendGrid refused the request for a field it does not know, and blames no date', async () => {
    const sendGrid = await client({ fault: () => ({ status: 400, body: { errors: [{ field: 'string', message: 'string' }] } }) })
    expect(messageOf(await sendGrid.scores({ from: YESTERDAY, to: YESTERDAY }, 5000))).toBe('SendGrid answered 400 (string: string): SendGrid refused the request')
  })

  it('reads a real refusal of the simulator: its calendar is behind the request', async () => {
    const sendGrid = await client({ today: '2026-11-10' })
    expect(messageOf(await sendGrid.subuserScores(YESTERDAY, undefined, 5000))).toBe(
      'SendGrid answered 400 (date: failed to parse request: "date" cannot be in the future): ' +
        'check from and to: each day between them is asked for, and must be at most 90 days back and not in the future'
    )
  })
})

describe('403 and 404 say what they mean for the endpoint, the name and the region', () => {
  const LISTING_403 =
    "SendGrid answered 403 (access forbidden): the key may not list subusers' scores: its account is likely a subuser itself or has no subusers, " +
    'or the key may not read subusers (SendGrid does not document which permission that takes)'
  const LISTING_404 = "SendGrid answered 404 (not found): SendGrid found no subusers to list: the key's account is likely a subuser itself or has no subusers"

  it.each([
    [403, undefined, LISTING_403],
    [403, 'global', `${LISTING_403}; subusers of the EU region are read with region: eu`],
    [403, 'eu', `${LISTING_403}; subusers outside the EU region are read with region: global`],
    [404, undefined, `${LISTING_404}, or 127.0.0.1:PORT is not SendGrid's API; check base-url`],
    [404, 'global', `${LISTING_404}; subusers of the EU region are read with region: eu`]
  ] as const)('the listing answering %s (region %s)', async (status, region, expected) => {
    const sendGrid = await client({ subuserListing: status }, region)
    const message = messageOf(await sendGrid.subuserScores(YESTERDAY, undefined, 5000))
    expect(message).toBe(expected.replace('PORT', String(simulator?.port)))
  })

  it.each([
    [undefined, ''],
    ['global', '; if "ghost" is an EU regional subuser, set region: eu'],
    ['eu', '; if "ghost" is not an EU regional subuser, set region: global']
  ] as const)('a 403 on behalf of an unknown name (region %s)', async (region, hint) => {
    const sendGrid = await client({}, region)
    expect(messageOf(await sendGrid.scores({ from: YESTERDAY, to: YESTERDAY, onBehalfOf: 'ghost' }, 5000))).toBe(
      'SendGrid answered 403 (access forbidden): check that "ghost" is a subuser or customer account of the key\'s account, spelled as in SendGrid, ' +
        `and that the key is the parent account's and may act for subusers (SendGrid does not document which permission that takes)${hint}`
    )
  })

  it('a 404 on behalf of a name suggests the other region, or base-url when there is no region', async () => {
    const notFound = { fault: () => ({ status: 404, body: { errors: [{ field: null, message: 'not found' }] } }) }
    const query = { from: YESTERDAY, to: YESTERDAY, onBehalfOf: 'ghost' }
    const inRegion = messageOf(await (await client(notFound, 'global')).scores(query, 5000))
    await simulator?.close()
    const elsewhere = messageOf(await (await client(notFound)).scores(query, 5000))

    const found = 'SendGrid answered 404 (not found): SendGrid found nothing for "ghost"; check that it is a subuser or customer account of the key\'s account, spelled as in SendGrid'
    expect(inRegion).toBe(`${found}; if "ghost" is an EU regional subuser, set region: eu`)
    expect(elsewhere).toBe(`${found}, and base-url (127.0.0.1:${simulator?.port})`)
  })

  it('keeps the base-url hint for a 404 on the key own account', async () => {
    const sendGrid = await client({ fault: () => ({ status: 404, body: { errors: [{ field: null, message: 'not found' }] } }) }, 'global')
    expect(messageOf(await sendGrid.scores({ from: YESTERDAY, to: YESTERDAY }, 5000))).toBe(
      `SendGrid answered 404 (not found): 127.0.0.1:${simulator?.port} has no Engagement Quality API; check base-url and region`
    )
  })
})

describe('inputs', () => {
  const parse = (values: Partial<Record<InputName, string>>): Config =>
    parseConfig((name) => ({ 'api-key': DEFAULT_API_KEY, ...values })[name] ?? '', TODAY)
  const problems = (values: Partial<Record<InputName, string>>): unknown => {
    try {
      parse(values)
    } catch (error) {
      return (error as { problems: unknown }).problems
    }
    return []
  }

  it('lets from: today work alone: to is the later of yesterday and from', () => {
    expect(parse({ from: 'today' })).toMatchObject({ from: TODAY, to: TODAY })
    expect(parse({ from: '-3d' })).toMatchObject({ from: '2026-11-17', to: YESTERDAY })
    expect(parse({})).toMatchObject({ to: YESTERDAY })
  })

  it('keeps the error when both are given out of order, and blames from for a from in the future', () => {
    expect(problems({ from: 'today', to: 'yesterday' })).toEqual([{ input: 'from', message: `${TODAY} comes after "to" (${YESTERDAY})` }])
    expect(problems({ from: '2026-12-01' })).toEqual([{ input: 'from', message: `2026-12-01 is in the future; the latest day with a score is ${TODAY} (UTC)` }])
  })

  it('warns that region is ignored beside base-url, and knows the region only without base-url', () => {
    const config = parse({ region: 'EU', 'base-url': 'http://127.0.0.1:9' })
    expect(config).toMatchObject({
      baseUrl: 'http://127.0.0.1:9',
      warnings: [{ input: 'region', message: '"eu" is ignored: base-url is set, so requests go to http://127.0.0.1:9' }]
    })
    expect(config.region).toBeUndefined()
    // The runner passes the default whether or not the workflow set it: global says nothing.
    expect(parse({ region: 'global', 'base-url': 'http://127.0.0.1:9' }).warnings).toEqual([])
    expect(parse({ region: 'eu' })).toMatchObject({ baseUrl: 'https://api.eu.sendgrid.com', region: 'eu', warnings: [] })
  })
})
