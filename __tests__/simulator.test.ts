import { describe, it, expect } from '@jest/globals'
import http from 'node:http'
import https from 'node:https'
import { rmSync } from 'node:fs'
import {
  startSimulator,
  addDays,
  DEFAULT_API_KEY,
  PROCESSING_MESSAGE,
  SCORES_PATH,
  SUBUSERS_SCORES_PATH,
  type Simulator,
  type SimulatorOptions,
  type ScoreEntry
} from '../sim/simulator.js'
import { demoScenario, bulkScenario } from '../sim/scenarios.js'
import { HAVE_OPENSSL, makeCertificates } from './support/tls.js'

const TODAY = '2025-06-30'
const AUTH = { Authorization: `Bearer ${DEFAULT_API_KEY}` }

interface ScoresBody {
  result: ScoreEntry[]
  _metadata?: { next_params?: { after_key?: string } }
}

/** A clock the test moves by hand, for the answers that depend on time. */
const START_MS = Date.UTC(2025, 5, 30, 12, 0, 0, 250)
function settableClock(): { nowMs: number; now(): number } {
  return {
    nowMs: START_MS,
    now() {
      return this.nowMs
    }
  }
}

async function withSim(options: SimulatorOptions, fn: (sim: Simulator) => Promise<void>): Promise<void> {
  const sim = await startSimulator({ today: TODAY, ...options })
  try {
    await fn(sim)
  } finally {
    await sim.close()
  }
}

function get(sim: Simulator, pathAndQuery: string, headers: Record<string, string> = {}, init: RequestInit = {}): Promise<Response> {
  return fetch(sim.url + pathAndQuery, { ...init, headers: { ...AUTH, ...headers } })
}

async function json<T>(res: Response): Promise<T> {
  return (await res.json()) as T
}

function scoresQuery(from: string, to: string): string {
  return `${SCORES_PATH}?from=${from}&to=${to}`
}

/** A GET through node:http(s) that exposes raw header casing and accepts a CA. */
function rawGet(
  url: string,
  headers: Record<string, string>,
  ca?: string
): Promise<{ status: number; rawHeaders: string[]; body: string }> {
  return new Promise((resolve, reject) => {
    const mod = url.startsWith('https:') ? https : http
    const req = mod.get(url, { headers, ca, agent: false }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (c: string) => (body += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, rawHeaders: res.rawHeaders, body }))
      res.on('error', reject)
    })
    req.on('error', reject)
  })
}

describe('scores endpoint', () => {
  it('returns one entry per day for the parent with default score and metrics', async () => {
    await withSim({}, async (sim) => {
      const res = await get(sim, scoresQuery('2025-06-28', TODAY))
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('application/json')
      const body = await json<ScoresBody>(res)
      expect(body.result.map((e) => e.date)).toEqual(['2025-06-28', '2025-06-29', '2025-06-30'])
      expect(body.result[0]).toEqual({
        user_id: '1',
        username: 'parent',
        date: '2025-06-28',
        score: 4,
        metrics: { engagement_recency: 4, open_rate: 4, bounce_classification: 4, bounce_rate: 4, spam_rate: 4 }
      })
    })
  })

  it('serves subusers by username and customer accounts by account-id, omitting score on ineligible days', async () => {
    await withSim({ ...demoScenario(TODAY), pending: undefined }, async (sim) => {
      const news = await json<ScoresBody>(await get(sim, scoresQuery('2025-06-27', TODAY), { 'on-behalf-of': 'newsletters' }))
      expect(news.result.map((e) => [e.user_id, e.username, e.score, e.metrics?.spam_rate])).toEqual([
        ['1003', 'newsletters', 4, 4],
        ['1003', 'newsletters', 2, 1],
        ['1003', 'newsletters', 2, 1],
        ['1003', 'newsletters', 2, 1]
      ])
      expect(news.result[3]?.metrics).toEqual({
        engagement_recency: 3,
        open_rate: 2,
        bounce_classification: 2,
        bounce_rate: 2,
        spam_rate: 1
      })

      const cold = await json<ScoresBody>(await get(sim, scoresQuery(TODAY, TODAY), { 'on-behalf-of': 'cold-outreach' }))
      expect(cold.result).toEqual([{ user_id: '1004', username: 'cold-outreach', date: TODAY }])

      const byAccount = await json<ScoresBody>(
        await get(sim, scoresQuery(TODAY, TODAY), { 'on-behalf-of': 'account-id 8001' })
      )
      expect(byAccount.result).toEqual([expect.objectContaining({ user_id: '1002', username: 'transactional', score: 5 })])

      const parent = await json<ScoresBody>(await get(sim, scoresQuery(TODAY, TODAY)))
      expect(parent.result[0]).toMatchObject({ user_id: '1', username: 'acme', score: 4, metrics: { open_rate: 3, spam_rate: 4 } })
    })
  })

  it('answers 403 for an unknown subuser or customer account', async () => {
    await withSim({ subusers: [{ username: 'known', customerAccountId: '77' }] }, async (sim) => {
      for (const obo of ['nobody', 'account-id 78', 'parent']) {
        const res = await get(sim, scoresQuery(TODAY, TODAY), { 'on-behalf-of': obo })
        expect(res.status).toBe(403)
        expect(await res.json()).toEqual({ errors: [{ field: null, message: 'access forbidden' }] })
      }
      expect((await get(sim, scoresQuery(TODAY, TODAY), { 'on-behalf-of': 'known' })).status).toBe(200)
      expect((await get(sim, scoresQuery(TODAY, TODAY), { 'on-behalf-of': 'account-id 77' })).status).toBe(200)
    })
  })

  it('accepts the 90-day boundary and today', async () => {
    await withSim({}, async (sim) => {
      const res = await get(sim, scoresQuery(addDays(TODAY, -90), TODAY))
      expect(res.status).toBe(200)
      expect((await json<ScoresBody>(res)).result).toHaveLength(91)
    })
  })

  const d91 = addDays(TODAY, -91)
  const tomorrow = addDays(TODAY, 1)
  const scoreCases: [string, string, string, string][] = [
    ['from missing', `?to=${TODAY}`, 'from', '"from" must be provided'],
    ['to missing', `?from=${TODAY}`, 'to', '"to" must be provided'],
    ['both missing', '', 'from', '"from" must be provided'],
    ['from invalid', `?from=2025-13-01&to=${TODAY}`, 'from', '"from" invalid'],
    ['from not a calendar date', `?from=2025-02-29&to=${TODAY}`, 'from', '"from" invalid'],
    ['from wrong format', `?from=2025-6-1&to=${TODAY}`, 'from', '"from" invalid'],
    ['to invalid', '?from=2025-06-01&to=yesterday', 'to', '"to" invalid'],
    ['from > 90 days back', `?from=${d91}&to=${TODAY}`, 'from', '"from" cannot be more than 90 days in the past'],
    ['to > 90 days back', `?from=${d91}&to=${d91}`, 'from', '"from" cannot be more than 90 days in the past'],
    ['only to > 90 days back', `?from=${addDays(TODAY, -5)}&to=${d91}`, 'to', '"to" cannot be more than 90 days in the past'],
    ['to in the future', `?from=${TODAY}&to=${tomorrow}`, 'to', '"to" cannot be in the future'],
    ['from after to', `?from=${TODAY}&to=${addDays(TODAY, -1)}`, 'to', '"from" cannot come after "to"']
  ]
  it.each(scoreCases)('400 when %s', async (_name, query, field, what) => {
    await withSim({}, async (sim) => {
      const res = await get(sim, SCORES_PATH + query)
      expect(res.status).toBe(400)
      expect(res.headers.get('content-type')).toBe('application/json')
      expect(await res.json()).toEqual({ errors: [{ field, message: `failed to parse request: ${what}` }] })
    })
  })
})

describe('subusers endpoint', () => {
  it('pages 2500 subusers with limit 1000 across 3 pages', async () => {
    await withSim(bulkScenario(2500, { today: TODAY, ineligibleEvery: 10 }), async (sim) => {
      const pages: ScoresBody[] = []
      let afterKey: string | undefined
      do {
        const q = `${SUBUSERS_SCORES_PATH}?date=${TODAY}&limit=1000${afterKey ? `&after_key=${afterKey}` : ''}`
        const res = await get(sim, q)
        expect(res.status).toBe(200)
        const page = await json<ScoresBody>(res)
        pages.push(page)
        afterKey = page._metadata?.next_params?.after_key
        if (afterKey !== undefined) expect(typeof afterKey).toBe('string')
      } while (afterKey !== undefined && pages.length < 10)

      expect(pages.map((p) => p.result.length)).toEqual([1000, 1000, 500])
      expect(pages.map((p) => p._metadata?.next_params?.after_key)).toEqual(['2000', '3000', undefined])
      const ids = pages.flatMap((p) => p.result.map((e) => Number(e.user_id)))
      expect(ids).toHaveLength(2500)
      expect(ids[0]).toBe(1001)
      expect(ids[2499]).toBe(3500)
      expect(ids.every((id, i) => i === 0 || id > (ids[i - 1] ?? 0))).toBe(true)
      const all = pages.flatMap((p) => p.result)
      expect(all.every((e) => e.date === TODAY)).toBe(true)
      expect(all.filter((e) => e.score === undefined)).toHaveLength(250)
      expect(all.find((e) => e.score === undefined)).toEqual({ user_id: '1010', username: 'sub-00010', date: TODAY })
      expect(sim.requests.map((r) => r.query.after_key)).toEqual([undefined, '2000', '3000'])
    })
  })

  it('defaults limit to 1000, sorts by userId and returns an empty last page past the end', async () => {
    const subusers = [
      { username: 'c', userId: '30' },
      { username: 'a', userId: '4' },
      { username: 'b', userId: '200' }
    ]
    await withSim({ subusers }, async (sim) => {
      const all = await json<ScoresBody>(await get(sim, `${SUBUSERS_SCORES_PATH}?date=${TODAY}`))
      expect(all.result.map((e) => e.username)).toEqual(['a', 'c', 'b'])
      expect(all._metadata?.next_params).toBeUndefined()
      const after = await json<ScoresBody>(await get(sim, `${SUBUSERS_SCORES_PATH}?date=${TODAY}&limit=1&after_key=4`))
      expect(after.result.map((e) => e.user_id)).toEqual(['30'])
      expect(after._metadata?.next_params?.after_key).toBe('30')
      const past = await json<ScoresBody>(await get(sim, `${SUBUSERS_SCORES_PATH}?date=${TODAY}&after_key=999`))
      expect(past.result).toEqual([])
      expect(past._metadata?.next_params).toBeUndefined()
    })
  })

  it('handles 20,000 subusers lazily', async () => {
    await withSim(bulkScenario(20_000, { today: TODAY }), async (sim) => {
      const page = await json<ScoresBody>(await get(sim, `${SUBUSERS_SCORES_PATH}?date=${TODAY}&limit=5&after_key=20995`))
      expect(page.result.map((e) => e.user_id)).toEqual(['20996', '20997', '20998', '20999', '21000'])
      expect(page._metadata?.next_params).toBeUndefined()
    })
  })

  const d91 = addDays(TODAY, -91)
  const subCases: [string, string, string, string][] = [
    ['date missing', '?limit=10', 'date', '"date" must be provided'],
    ['date invalid', '?date=2025-02-30', 'date', '"date" invalid'],
    ['date > 90 days back', `?date=${d91}`, 'date', '"date" cannot be more than 90 days in the past'],
    ['date in the future', `?date=${addDays(TODAY, 1)}`, 'date', '"date" cannot be in the future'],
    ['limit 0', `?date=${TODAY}&limit=0`, 'limit', '"limit" must be a positive integer'],
    ['limit negative', `?date=${TODAY}&limit=-5`, 'limit', '"limit" must be a positive integer'],
    ['limit not an integer', `?date=${TODAY}&limit=2.5`, 'limit', '"limit" invalid'],
    ['limit not a number', `?date=${TODAY}&limit=ten`, 'limit', '"limit" invalid'],
    ['limit over 1000', `?date=${TODAY}&limit=1001`, 'limit', '"limit" invalid'],
    ['after_key not an integer', `?date=${TODAY}&after_key=abc`, 'after_key', '"after_key" invalid']
  ]
  it.each(subCases)('400 when %s', async (_name, query, field, what) => {
    await withSim({}, async (sim) => {
      const res = await get(sim, SUBUSERS_SCORES_PATH + query)
      expect(res.status).toBe(400)
      expect(await res.json()).toEqual({ errors: [{ field, message: `failed to parse request: ${what}` }] })
    })
  })

  it('accepts limit 1000 and the 90-day boundary', async () => {
    await withSim({ subusers: [{ username: 's' }] }, async (sim) => {
      const res = await get(sim, `${SUBUSERS_SCORES_PATH}?date=${addDays(TODAY, -90)}&limit=1000`)
      expect(res.status).toBe(200)
      expect((await json<ScoresBody>(res)).result).toEqual([expect.objectContaining({ user_id: '1001', username: 's' })])
    })
  })
})

describe('auth, routing, pending', () => {
  it('answers 401 without the right bearer key', async () => {
    await withSim({ apiKey: 'SG.right' }, async (sim) => {
      for (const headers of [{}, { Authorization: 'Bearer SG.wrong' }, { Authorization: 'SG.right' }]) {
        const res = await fetch(sim.url + scoresQuery(TODAY, TODAY), { headers })
        expect(res.status).toBe(401)
        expect(await res.json()).toEqual({ errors: [{ field: null, message: 'authorization required' }] })
      }
      const ok = await fetch(sim.url + scoresQuery(TODAY, TODAY), { headers: { Authorization: 'Bearer SG.right' } })
      expect(ok.status).toBe(200)
      expect(sim.requests.map((r) => r.authorized)).toEqual([false, false, false, true])
    })
  })

  it('answers 404 for other paths and 405 for other methods', async () => {
    await withSim({}, async (sim) => {
      const missing = await get(sim, '/v3/engagementquality/other')
      expect(missing.status).toBe(404)
      expect(await missing.json()).toEqual({ errors: [{ field: null, message: 'not found' }] })
      const post = await get(sim, scoresQuery(TODAY, TODAY), {}, { method: 'POST', body: '{}' })
      expect(post.status).toBe(405)
      expect(post.headers.get('allow')).toBe('GET')
      expect(await post.json()).toEqual({ errors: [{ field: null, message: 'method not allowed' }] })
    })
  })

  it('answers 202 for the first n polls of each distinct request', async () => {
    await withSim({ pending: { polls: 2 } }, async (sim) => {
      const q = scoresQuery(addDays(TODAY, -1), TODAY)
      const first = await get(sim, q)
      expect(first.status).toBe(202)
      expect(first.headers.get('content-type')).toBe('application/json')
      expect(await first.json()).toEqual({ message: PROCESSING_MESSAGE })
      expect((await get(sim, q)).status).toBe(202)
      // a different key (other subuser, same query) has its own count; query order does not matter
      expect((await get(sim, `${SCORES_PATH}?to=${TODAY}&from=${addDays(TODAY, -1)}`)).status).toBe(200)
      const other = await get(sim, q, { 'on-behalf-of': 'x' })
      expect(other.status).toBe(403) // unknown subusers are refused before pending
      expect((await get(sim, q)).status).toBe(200)
      // validation errors are not delayed by pending
      expect((await get(sim, `${SCORES_PATH}?from=${TODAY}`)).status).toBe(400)
      sim.reset()
      expect((await get(sim, q)).status).toBe(202)
    })
  })

  it('answers 202 until ms have passed since the first request for that key, on its clock', async () => {
    const clock = settableClock()
    await withSim({ pending: { ms: 150 }, clock }, async (sim) => {
      const q = `${SUBUSERS_SCORES_PATH}?date=${TODAY}`
      expect((await get(sim, q)).status).toBe(202)
      clock.nowMs += 149
      expect((await get(sim, q)).status).toBe(202)
      clock.nowMs += 1
      expect((await get(sim, q)).status).toBe(200)
      expect((await get(sim, `${q}&limit=5`)).status).toBe(202)
    })
  })
})

describe('rate limits and latency', () => {
  it('sends rate-limit headers and 429 once the window budget is spent, windows timed by its clock', async () => {
    const clock = settableClock()
    await withSim({ rateLimit: { limit: 2, windowMs: 600 }, clock }, async (sim) => {
      const q = scoresQuery(TODAY, TODAY)
      const a = await get(sim, q)
      const b = await get(sim, q)
      const c = await get(sim, q)
      expect([a.status, b.status, c.status]).toEqual([200, 200, 429])
      expect([a, b, c].map((r) => r.headers.get('x-ratelimit-remaining'))).toEqual(['1', '0', '0'])
      expect(c.headers.get('x-ratelimit-limit')).toBe('2')
      // The window's end, rounded up to the second: the header counts seconds since the epoch.
      expect(c.headers.get('x-ratelimit-reset')).toBe(String(Math.ceil((START_MS + 600) / 1000)))
      expect(c.headers.get('content-type')).toBe('application/json')
      expect(await c.json()).toEqual({ errors: [{ field: null, message: 'too many requests' }] })
      clock.nowMs += 599
      expect((await get(sim, q)).status).toBe(429)
      clock.nowMs += 1
      const d = await get(sim, q)
      expect(d.status).toBe(200)
      expect(d.headers.get('x-ratelimit-remaining')).toBe('1')
    })
  })

  it('spells headers as asked and always sends them by default', async () => {
    await withSim({ rateLimit: { limit: 5, windowMs: 1000, headerCase: 'X-Ratelimit' } }, async (sim) => {
      const res = await rawGet(sim.url + scoresQuery(TODAY, TODAY), AUTH)
      const names = res.rawHeaders.filter((_, i) => i % 2 === 0)
      expect(names).toEqual(expect.arrayContaining(['X-Ratelimit-Limit', 'X-Ratelimit-Remaining', 'X-Ratelimit-Reset']))
    })
    await withSim({}, async (sim) => {
      const res = await rawGet(sim.url + '/nowhere', {})
      expect(res.status).toBe(401)
      const names = res.rawHeaders.filter((_, i) => i % 2 === 0)
      expect(names).toEqual(expect.arrayContaining(['X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset']))
    })
    await withSim({ rateLimit: false }, async (sim) => {
      const res = await get(sim, scoresQuery(TODAY, TODAY))
      expect(res.headers.get('x-ratelimit-limit')).toBeNull()
    })
  })

  it('delays responses by latencyMs', async () => {
    await withSim({ latencyMs: (req) => (req.onBehalfOf === 'slow' ? 120 : 0), subusers: [{ username: 'slow' }] }, async (sim) => {
      expect((await get(sim, scoresQuery(TODAY, TODAY))).status).toBe(200)
      // eslint-disable-next-line no-restricted-properties -- real latency, bounded from below only: load can only lengthen it
      const t1 = Date.now()
      expect((await get(sim, scoresQuery(TODAY, TODAY), { 'on-behalf-of': 'slow' })).status).toBe(200)
      expect(Date.now() - t1).toBeGreaterThanOrEqual(100) // eslint-disable-line no-restricted-properties
    })
  })
})

describe('faults', () => {
  const q = scoresQuery(TODAY, TODAY)

  it('replaces the response with a status, JSON or HTML body and headers', async () => {
    await withSim(
      {
        fault: (_req, n) => {
          if (n === 1) return { status: 500, body: { errors: [{ message: 'internal server error' }] } }
          if (n === 2) return { status: 502, body: '<html><body>Bad Gateway</body></html>' }
          if (n === 3) return { status: 429, body: { errors: [{ field: null, message: 'too many requests' }] }, headers: { 'Retry-After': '1' } }
          return undefined
        }
      },
      async (sim) => {
        const a = await get(sim, q)
        expect(a.status).toBe(500)
        expect(a.headers.get('content-type')).toBe('application/json')
        expect(await a.json()).toEqual({ errors: [{ message: 'internal server error' }] })
        const b = await get(sim, q)
        expect(b.status).toBe(502)
        expect(b.headers.get('content-type')).toMatch(/^text\/html/)
        expect(await b.text()).toBe('<html><body>Bad Gateway</body></html>')
        const c = await get(sim, q)
        expect(c.status).toBe(429)
        expect(c.headers.get('retry-after')).toBe('1')
        expect(c.headers.get('x-ratelimit-limit')).toBeNull()
        expect((await get(sim, q)).status).toBe(200)
      }
    )
  })

  it('resets the connection before any response', async () => {
    await withSim({ fault: (_r, n) => (n === 1 ? { kind: 'reset' } : undefined) }, async (sim) => {
      await expect(get(sim, q)).rejects.toThrow()
      expect((await get(sim, q)).status).toBe(200)
      expect(sim.requests).toHaveLength(2)
    })
  })

  it('resets the connection in the middle of a 200 body', async () => {
    await withSim({ fault: () => ({ kind: 'reset-mid-body' }) }, async (sim) => {
      const attempt = async (): Promise<string> => (await get(sim, q)).text()
      await expect(attempt()).rejects.toThrow()
    })
  })

  it('hangs until the client gives up, and close() still finishes promptly', async () => {
    const sim = await startSimulator({ today: TODAY, fault: () => ({ kind: 'hang' }) })
    try {
      await expect(get(sim, q, {}, { signal: AbortSignal.timeout(150) })).rejects.toThrow()
      // a second hung request is still open when we close: close() ends it rather than waiting for it
      const pending = get(sim, q).then(
        () => 'answered',
        () => 'failed'
      )
      while (sim.requests.length < 2) await new Promise((resolve) => setImmediate(resolve))
      await sim.close()
      expect(await pending).toBe('failed')
    } finally {
      await sim.close()
    }
  })

  it('drips a valid body one byte at a time', async () => {
    await withSim({ fault: (_r, n) => (n === 2 ? { kind: 'drip', intervalMs: 1 } : undefined) }, async (sim) => {
      const normal = await (await get(sim, q)).text()
      // eslint-disable-next-line no-restricted-properties -- real dripping, bounded from below only: load can only lengthen it
      const t0 = Date.now()
      const res = await get(sim, q)
      expect(res.status).toBe(200)
      const dripped = await res.text()
      expect(dripped).toBe(normal)
      expect(Date.now() - t0).toBeGreaterThanOrEqual(normal.length / 4) // eslint-disable-line no-restricted-properties
    })
  })

  it('truncates a JSON body with a consistent Content-Length', async () => {
    await withSim({ fault: (_r, n) => (n === 2 ? { kind: 'truncate' } : undefined) }, async (sim) => {
      const normal = await (await get(sim, q)).text()
      const res = await get(sim, q)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('application/json')
      const text = await res.text()
      expect(Number(res.headers.get('content-length'))).toBe(text.length)
      expect(text).toBe(normal.slice(0, Math.floor(normal.length / 2)))
      expect(() => JSON.parse(text) as unknown).toThrow()
    })
  })

  it('replaces the JSON body for off-schema data', async () => {
    const offSchema = { result: [{ user_id: '1', date: '1999-01-01', score: 9 }], _metadata: { next_params: { after_key: '1' } } }
    await withSim({ fault: (req) => (req.path === SUBUSERS_SCORES_PATH ? { kind: 'body', body: offSchema } : undefined) }, async (sim) => {
      const res = await get(sim, `${SUBUSERS_SCORES_PATH}?date=${TODAY}`)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('application/json')
      expect(res.headers.get('x-ratelimit-limit')).not.toBeNull()
      expect(await res.json()).toEqual(offSchema)
      expect((await get(sim, q)).status).toBe(200)
    })
  })

  it('answers 500 when the fault function throws', async () => {
    await withSim(
      {
        fault: () => {
          throw new Error('boom')
        }
      },
      async (sim) => {
        const res = await get(sim, q)
        expect(res.status).toBe(500)
        expect(await res.json()).toEqual({ errors: [{ message: 'simulator error: boom' }] })
      }
    )
  })
})

describe('request log and lifecycle', () => {
  it('records every request in order and reset() clears log and counter', async () => {
    const seen: number[] = []
    await withSim(
      {
        subusers: [{ username: 'marketing' }],
        fault: (_req, n) => {
          seen.push(n)
          return undefined
        }
      },
      async (sim) => {
        await get(sim, scoresQuery(TODAY, TODAY), { 'on-behalf-of': 'marketing' })
        await fetch(`${sim.url}${SUBUSERS_SCORES_PATH}?date=${TODAY}&limit=5&limit=7`)
        expect(sim.requests).toHaveLength(2)
        expect(sim.requests[0]).toMatchObject({
          method: 'GET',
          path: SCORES_PATH,
          query: { from: TODAY, to: TODAY },
          onBehalfOf: 'marketing',
          authorized: true
        })
        expect(sim.requests[0]?.headers['on-behalf-of']).toBe('marketing')
        expect(sim.requests[1]).toMatchObject({ path: SUBUSERS_SCORES_PATH, query: { date: TODAY, limit: '5' }, authorized: false })
        expect(sim.requests[1]?.onBehalfOf).toBeUndefined()
        const log = sim.requests
        sim.reset()
        expect(log).toHaveLength(0)
        await get(sim, scoresQuery(TODAY, TODAY))
        expect(sim.requests).toHaveLength(1)
        expect(seen).toEqual([1, 2, 1])
      }
    )
  })

  it('takes today from its clock when not given one', async () => {
    const sim = await startSimulator({ clock: settableClock() })
    try {
      expect((await get(sim, scoresQuery(TODAY, TODAY))).status).toBe(200)
      expect((await get(sim, scoresQuery(TODAY, addDays(TODAY, 1)))).status).toBe(400)
    } finally {
      await sim.close()
    }
  })

  it('validates options', async () => {
    await expect(startSimulator({ today: '2025-02-30' })).rejects.toThrow(/today/)
    await expect(startSimulator({ subusers: [{ username: 'a' }, { username: 'a' }] })).rejects.toThrow(/duplicate username/)
    await expect(startSimulator({ subusers: [{ username: 'a', userId: 'x1' }] })).rejects.toThrow(/userId/)
    await expect(startSimulator({ subusers: [{ username: 'a', userId: '1' }] })).rejects.toThrow(/duplicate userId/)
  })

  it('gives each demo subuser its story', async () => {
    const scenario = demoScenario(TODAY)
    expect(scenario.pending).toEqual({ ms: 1500 })
    await withSim({ ...scenario, pending: undefined }, async (sim) => {
      const page = await json<ScoresBody>(await get(sim, `${SUBUSERS_SCORES_PATH}?date=${TODAY}`))
      expect(page.result.map((e) => [e.username, e.score])).toEqual([
        ['marketing', expect.any(Number)],
        ['transactional', 5],
        ['newsletters', 2],
        ['cold-outreach', undefined]
      ])
      const marketing = await json<ScoresBody>(
        await get(sim, scoresQuery(addDays(TODAY, -89), TODAY), { 'on-behalf-of': 'marketing' })
      )
      expect(new Set(marketing.result.map((e) => e.score))).toEqual(new Set([4, 5]))
    })
  })
})

describe('tls', () => {
  ;(HAVE_OPENSSL ? it : it.skip)('serves HTTPS with the given key and certificate', async () => {
    const certificates = makeCertificates()
    try {
      const tls = certificates.selfSigned
      await withSim({ tls }, async (sim) => {
        expect(sim.url).toBe(`https://127.0.0.1:${sim.port}`)
        const res = await rawGet(sim.url + scoresQuery(TODAY, TODAY), AUTH, tls.cert)
        expect(res.status).toBe(200)
        expect((JSON.parse(res.body) as ScoresBody).result[0]?.date).toBe(TODAY)
      })
    } finally {
      rmSync(certificates.dir, { recursive: true, force: true })
    }
  })
})
