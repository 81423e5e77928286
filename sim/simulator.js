// @ts-check
/**
 * SendGrid Engagement Quality (SEQ) simulator: a real HTTP(S) server on 127.0.0.1
 * that answers GET /v3/engagementquality/scores and
 * GET /v3/engagementquality/subusers/scores the way the OpenAPI spec describes,
 * with knobs for "still computing" 202s, latency, rate limits and faults, and the Stats
 * endpoints (GET /v3/stats, /v3/mailbox_providers/stats, /v3/categories/stats/sums) with
 * counts that agree with the scores (see stats.js).
 *
 * Test, demo and benchmark tool only: not part of the Action bundle.
 * Node built-ins only.
 */
import http from 'node:http'
import https from 'node:https'
import { Buffer } from 'node:buffer'
import { URL } from 'node:url'
import { setTimeout, clearTimeout, setInterval, clearInterval } from 'node:timers'
import { accountDay, metricsOf, sum } from './stats.js'

/**
 * The five SEQ input metrics, each 1..5.
 * @typedef {object} Metrics
 * @property {number} engagement_recency
 * @property {number} open_rate
 * @property {number} bounce_classification
 * @property {number} bounce_rate
 * @property {number} spam_rate
 */


/**
 * One account the simulator knows: the key's own (parent) account or a subuser.
 * @typedef {object} AccountSpec
 * @property {string} username
 * @property {string} [userId] numeric string; default parent '1', subusers 1001, 1002... by position
 * @property {string} [customerAccountId] addressable with `on-behalf-of: account-id <id>`
 * @property {number | ((date: string) => number | undefined)} [score]
 *   default 4; a function returning undefined means "not eligible" that day (no score, no metrics)
 * @property {Partial<Metrics> | ((date: string) => Partial<Metrics> | undefined)} [metrics]
 *   every metric defaults to the day's score; these override
 * @property {SimulatorOptions['unscored']} [unscored] overrides the simulator's `unscored` for this account
 * @property {'global' | 'eu'} [region] where the account lives, default 'global': a request to the
 *   other region's API host (by its Host header, api.sendgrid.com or api.eu.sendgrid.com) cannot
 *   read it; a request to any other host (127.0.0.1) can
 * @property {import('./stats.js').StatsSpec} [stats] what the account sends, for its Stats
 */

/**
 * One entry of a `result` array.
 * @typedef {object} ScoreEntry
 * @property {string} user_id
 * @property {string} [username]
 * @property {string} [date] left out only with `dates: 'multi-day-only'`
 * @property {number | null} [score] null only with `unscored: 'null'`
 * @property {Metrics | null} [metrics] null only with `unscored: 'null'`
 */

/**
 * A request as the simulator received it (also the argument of `fault` and `latencyMs`).
 * @typedef {object} SimRequest
 * @property {string} method
 * @property {string} path pathname, without the query string
 * @property {Record<string, string>} query first value of each query parameter
 * @property {string} [onBehalfOf] the `on-behalf-of` header, if any
 * @property {boolean} authorized whether `Authorization: Bearer <apiKey>` matched
 * @property {Record<string, string | string[] | undefined>} headers raw (lower-cased) request headers
 */

/**
 * Replace the response with this status/body/headers. Object bodies are JSON-encoded
 * (Content-Type application/json); string bodies are sent as-is (Content-Type text/html
 * when the string starts with `<`, else text/plain; override with `headers`).
 * No rate-limit headers are added and no rate-limit budget is used.
 * @typedef {object} StatusFault
 * @property {number} status
 * @property {string | object} [body]
 * @property {Record<string, string>} [headers]
 */

/**
 * Fault actions. Transport faults (`reset-mid-body`, `drip`, `truncate`) deliver the
 * response normal handling would have produced (a 200 for a valid request), badly.
 * @typedef {StatusFault
 *   | { kind: 'reset' }
 *   | { kind: 'reset-mid-body' }
 *   | { kind: 'hang' }
 *   | { kind: 'drip', intervalMs: number }
 *   | { kind: 'truncate' }
 *   | { kind: 'body', body: unknown, status?: number }
 * } FaultAction
 */

/**
 * @typedef {object} PendingOptions
 * @property {number} [polls] the first `polls` requests for each distinct request key answer 202
 * @property {number} [ms] 202 until `ms` milliseconds after the first request for that key
 */

/**
 * @typedef {object} RateLimitOptions
 * @property {number} limit requests allowed per window
 * @property {number} windowMs fixed window length; a window starts with the first request after the previous one ended
 * @property {'X-RateLimit' | 'X-Ratelimit'} [headerCase] header-name prefix (live SendGrid sends `X-Ratelimit-*`); default 'X-RateLimit'
 */

/**
 * @typedef {object} SimulatorOptions
 * @property {string} [apiKey] default 'SG.simulated-key'
 * @property {string} [today] 'YYYY-MM-DD' (UTC); default the current UTC date
 * @property {AccountSpec} [parent] default { username: 'parent', userId: '1' }
 * @property {AccountSpec[]} [subusers] default []
 * @property {PendingOptions} [pending] default: never 202
 * @property {number | ((req: SimRequest) => number)} [latencyMs] delay before every response; default 0
 * @property {RateLimitOptions | false} [rateLimit] default { limit: 10000, windowMs: 60000 }; false = no headers, no limit
 * @property {(req: SimRequest, n: number) => FaultAction | undefined} [fault] consulted before normal handling; n is 1-based
 * @property {{ key: string | Buffer, cert: string | Buffer }} [tls] serve HTTPS
 * @property {number} [port] default 0 (any free port)
 * @property {'always' | 'scored-only'} [usernames] 'scored-only' leaves `username` out of unscored
 *   entries, as SendGrid's own example of the subusers listing does; default 'always'
 * @property {'omitted' | 'null' | 'no-entry'} [unscored] how a day without a score is written:
 *   its `score` and `metrics` omitted (the spec's shape, default), both `null`, or no entry at all
 *   (so a never-scored account answers `{"result": []}` and the listing leaves the subuser out)
 * @property {'array' | 'absent'} [emptyResult] how /scores writes a `result` without entries:
 *   `{"result": []}` (default) or `{}` (the spec requires neither `result` nor any item)
 * @property {'always' | 'multi-day-only'} [dates] 'multi-day-only' leaves `date` out of the
 *   entries that answer a request for a single day; default 'always'
 * @property {'no-next-params' | 'null' | 'empty'} [lastAfterKey] how the listing's last page ends:
 *   `"_metadata": {}` (default), `"after_key": null` or `"after_key": ""`
 * @property {200 | 403 | 404} [subuserListing] 403 or 404: the subusers endpoint answers that
 *   status for every valid request (both are in the spec; a key whose account is a subuser or has
 *   no subusers may get them); default 200
 * @property {{ now(): number }} [clock] the time 202s by `ms` and rate-limit windows are measured in,
 *   and the default `today`: share a test's virtual clock, so they run in its time; default the real clock
 * @property {'read' | 'none'} [statsAccess] 'none': the key has no Stats read access, and the three
 *   Stats endpoints answer 403 to every request after auth; default 'read'
 * @property {number} [providerStatsDays] the mailbox provider stats keep only the last this many days
 *   (to `today`): earlier days come with no providers, as the spec says SendGrid keeps 7; default all
 */

/**
 * @typedef {object} Simulator
 * @property {string} url base URL, e.g. 'http://127.0.0.1:41234' (no trailing slash)
 * @property {number} port
 * @property {SimRequest[]} requests every request received, in order (the same array for the simulator's life)
 * @property {() => Promise<void>} close stop listening and destroy every open (even hung) connection and timer
 * @property {() => void} reset clear the request log, the request counter, pending and rate-limit state
 */

export const DEFAULT_API_KEY = 'SG.simulated-key'
export const SCORES_PATH = '/v3/engagementquality/scores'
export const SUBUSERS_SCORES_PATH = '/v3/engagementquality/subusers/scores'
export const PROCESSING_MESSAGE = 'We are processing the score for this date range. Please try again later.'
export const MAX_DAYS_BACK = 90
export const MAX_LIMIT = 1000
export const STATS_PATH = '/v3/stats'
export const PROVIDER_STATS_PATH = '/v3/mailbox_providers/stats'
export const CATEGORY_SUMS_PATH = '/v3/categories/stats/sums'
const STATS_PATHS = new Set([STATS_PATH, PROVIDER_STATS_PATH, CATEGORY_SUMS_PATH])
/** The API host of each SendGrid region. */
export const REGION_HOSTS = Object.freeze({ global: 'api.sendgrid.com', eu: 'api.eu.sendgrid.com' })

const DAY_MS = 86_400_000
/** @type {Readonly<RateLimitOptions>} */
const DEFAULT_RATE_LIMIT = Object.freeze({ limit: 10_000, windowMs: 60_000 })

// ---------------------------------------------------------------------------
// Dates ('YYYY-MM-DD', UTC) <-> day numbers (days since 1970-01-01)

/**
 * Day number of a strict 'YYYY-MM-DD' calendar date, or undefined when invalid.
 * @param {string} s
 * @returns {number | undefined}
 */
export function parseDay(s) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
  if (!m) return undefined
  const y = Number(m[1])
  const mo = Number(m[2])
  const d = Number(m[3])
  const t = Date.UTC(y, mo - 1, d)
  const back = new Date(t)
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined
  return t / DAY_MS
}

/**
 * @param {number} day
 * @returns {string}
 */
export function formatDay(day) {
  return new Date(day * DAY_MS).toISOString().slice(0, 10)
}

/**
 * @param {string} date 'YYYY-MM-DD'
 * @param {number} days may be negative
 * @returns {string}
 */
export function addDays(date, days) {
  const d = parseDay(date)
  if (d === undefined) throw new RangeError(`invalid date: ${date}`)
  return formatDay(d + days)
}

/** @returns {string} the current UTC date */
export function utcToday() {
  return new Date().toISOString().slice(0, 10)
}

// ---------------------------------------------------------------------------
// Accounts

/**
 * @typedef {object} Account
 * @property {string} username
 * @property {string} userId
 * @property {number} idNum
 * @property {string | undefined} customerAccountId
 * @property {AccountSpec} spec
 */

/**
 * @param {AccountSpec} spec
 * @param {string} defaultId
 * @param {string} what
 * @returns {Account}
 */
function toAccount(spec, defaultId, what) {
  if (!spec || typeof spec.username !== 'string' || spec.username === '') {
    throw new TypeError(`${what}: username must be a non-empty string`)
  }
  const userId = spec.userId ?? defaultId
  if (!/^\d+$/.test(userId)) throw new TypeError(`${what} ${spec.username}: userId must be a numeric string, got ${userId}`)
  return { username: spec.username, userId, idNum: Number(userId), customerAccountId: spec.customerAccountId, spec }
}

/**
 * The entry for one account and day (score/metrics omitted when not eligible; with
 * `usernames: 'scored-only'` the username too, as in SendGrid's own example of the listing).
 * Undefined when the day has no score and `unscored` is 'no-entry'.
 * @param {Account} account
 * @param {string} date
 * @param {Pick<SimulatorOptions, 'usernames' | 'unscored'>} shape
 * @param {boolean} withDate false leaves `date` out
 * @returns {ScoreEntry | undefined}
 */
function entryFor(account, date, { usernames, unscored }, withDate = true) {
  const { spec } = account
  const shape = spec.unscored ?? unscored
  /** @type {ScoreEntry} */
  const entry = { user_id: account.userId, username: account.username, date }
  if (!withDate) delete entry.date
  const scored = scoresOn(account, date)
  if (scored === undefined) {
    if (shape === 'no-entry') return undefined
    if (usernames === 'scored-only') delete entry.username
    if (shape === 'null') Object.assign(entry, { score: null, metrics: null })
    return entry
  }
  entry.score = scored.score
  entry.metrics = scored.metrics
  return entry
}

/**
 * An account's score and metric scores on a day; undefined when it is not eligible.
 * @param {Account} account
 * @param {string} date
 * @returns {{ score: number, metrics: Metrics } | undefined}
 */
function scoresOn(account, date) {
  const { spec } = account
  const score = typeof spec.score === 'function' ? spec.score(date) : (spec.score ?? 4)
  if (score === undefined) return undefined
  const given = typeof spec.metrics === 'function' ? spec.metrics(date) : spec.metrics
  const metrics = {
    engagement_recency: given?.engagement_recency ?? score,
    open_rate: given?.open_rate ?? score,
    bounce_classification: given?.bounce_classification ?? score,
    bounce_rate: given?.bounce_rate ?? score,
    spam_rate: given?.spam_rate ?? score
  }
  return { score, metrics }
}

/**
 * The region whose API host a request went to, by its Host header; undefined for any other host.
 * @param {SimRequest} req
 * @returns {'global' | 'eu' | undefined}
 */
function regionOfHost(req) {
  const host = String(req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase()
  if (host === REGION_HOSTS.global) return 'global'
  if (host === REGION_HOSTS.eu) return 'eu'
  return undefined
}

/**
 * @param {Account} account
 * @returns {'global' | 'eu'}
 */
function regionOf(account) {
  return account.spec.region ?? 'global'
}

// ---------------------------------------------------------------------------
// Responses

/**
 * @typedef {object} SimResponse
 * @property {number} status
 * @property {Record<string, string>} headers
 * @property {string} body
 */

/**
 * @param {string | null} field
 * @param {string} message
 */
function errorBody(field, message) {
  return { errors: [{ field, message }] }
}

/**
 * @param {string} field
 * @param {string} what
 */
function parseError(field, what) {
  return errorBody(field, `failed to parse request: ${what}`)
}

/** What the spec's 400 examples say for each field SendGrid names. */
const BAD_REQUEST_MESSAGES = {
  from: '"from" cannot be more than 90 days in the past',
  to: '"to" cannot be in the future',
  date: '"date" cannot be in the future',
  limit: '"limit" invalid',
  after_key: '"after_key" invalid'
}

/**
 * A fault action: SendGrid's 400 naming `field`, worded as the spec's examples, for a test that
 * needs SendGrid to refuse a field the action sends correctly (the action checks dates itself).
 * @param {keyof typeof BAD_REQUEST_MESSAGES} field
 * @returns {StatusFault}
 */
export function badRequest(field) {
  return { status: 400, body: parseError(field, BAD_REQUEST_MESSAGES[field]) }
}

/**
 * A Stats request's query, checked.
 * @typedef {object} StatsQuery
 * @property {number} start
 * @property {number} end
 * @property {'day' | 'week' | 'month'} aggregatedBy
 * @property {string} sortBy
 * @property {'desc' | 'asc'} direction
 * @property {number | undefined} limit
 * @property {number} offset
 */

/** The mailbox provider stats' default page (the spec: "500 items will be returned per request"). */
const PROVIDER_PAGE = 500
/** The category sums' default page (the spec's default limit). */
const CATEGORY_PAGE = 5

/**
 * The first day of the period `day` falls in: itself, its week's Monday or its month's first day.
 * @param {number} day
 * @param {StatsQuery['aggregatedBy']} aggregatedBy
 */
function periodStart(day, aggregatedBy) {
  if (aggregatedBy === 'day') return day
  // Day 0, 1970-01-01, was a Thursday.
  if (aggregatedBy === 'week') return day - ((day + 3) % 7)
  const date = new Date(day * DAY_MS)
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) / DAY_MS
}

/**
 * `limit` items from `offset`; all of them from `offset` without a limit.
 * @template T
 * @param {T[]} items
 * @param {{ limit: number | undefined, offset: number }} paging
 * @returns {T[]}
 */
function paged(items, { limit, offset }) {
  return items.slice(offset, limit === undefined ? undefined : offset + limit)
}

/** The bodies of the subusers endpoint's 403 and 404 (the spec gives none; these are SendGrid's usual). */
const LISTING_REFUSALS = {
  403: errorBody(null, 'access forbidden'),
  404: errorBody(null, 'not found')
}


// ---------------------------------------------------------------------------

/**
 * Start a simulator listening on 127.0.0.1.
 * @param {SimulatorOptions} [options]
 * @returns {Promise<Simulator>}
 */
export async function startSimulator(options = {}) {
  const apiKey = options.apiKey ?? DEFAULT_API_KEY
  const clock = options.clock ?? Date
  const todayStr = options.today ?? formatDay(Math.floor(clock.now() / DAY_MS))
  const parsedToday = parseDay(todayStr)
  if (parsedToday === undefined) throw new RangeError(`options.today must be YYYY-MM-DD, got ${todayStr}`)
  const today = parsedToday
  const oldest = today - MAX_DAYS_BACK

  const parent = toAccount(options.parent ?? { username: 'parent' }, '1', 'parent')
  const subusers = (options.subusers ?? []).map((s, i) => toAccount(s, String(1001 + i), 'subuser'))
  subusers.sort((a, b) => a.idNum - b.idNum)
  /** @type {Map<string, Account>} */
  const byUsername = new Map()
  /** @type {Map<string, Account>} */
  const byCustomerId = new Map()
  /** @type {Set<number>} */
  const ids = new Set([parent.idNum])
  for (const s of subusers) {
    if (byUsername.has(s.username) || s.username === parent.username) throw new TypeError(`duplicate username: ${s.username}`)
    if (ids.has(s.idNum)) throw new TypeError(`duplicate userId: ${s.userId}`)
    byUsername.set(s.username, s)
    ids.add(s.idNum)
    if (s.customerAccountId !== undefined) {
      if (byCustomerId.has(s.customerAccountId)) throw new TypeError(`duplicate customerAccountId: ${s.customerAccountId}`)
      byCustomerId.set(s.customerAccountId, s)
    }
  }

  const rateLimit = options.rateLimit === false ? undefined : (options.rateLimit ?? DEFAULT_RATE_LIMIT)
  if (rateLimit && !(rateLimit.limit >= 0 && rateLimit.windowMs > 0)) throw new RangeError('rateLimit needs limit >= 0 and windowMs > 0')
  const rlPrefix = rateLimit?.headerCase ?? 'X-RateLimit'

  const pending = options.pending
  const { latencyMs, fault } = options

  // ----- mutable state (reset() clears it)
  /** @type {SimRequest[]} */
  const requests = []
  let received = 0
  /** @type {Map<string, { count: number, first: number }>} */
  let pendingState = new Map()
  /** @type {{ end: number, used: number } | undefined} */
  let rlWindow

  // ----- resources close() must release
  let closed = false
  /** @type {Set<import('node:net').Socket>} */
  const sockets = new Set()
  /** @type {Set<() => void>} */
  const cancellers = new Set()

  /**
   * Sleep that close() can cut short (resolves false when the simulator closed).
   * @param {number} ms
   * @returns {Promise<boolean>}
   */
  function sleep(ms) {
    if (!(ms > 0)) return Promise.resolve(!closed)
    return new Promise((resolve) => {
      const cancel = () => {
        clearTimeout(timer)
        cancellers.delete(cancel)
        resolve(false)
      }
      const timer = setTimeout(() => {
        cancellers.delete(cancel)
        resolve(!closed)
      }, ms)
      cancellers.add(cancel)
    })
  }

  /**
   * Use one unit of the rate-limit budget.
   * @returns {{ headers: Record<string, string>, limited: boolean }}
   */
  function takeRateLimit() {
    if (!rateLimit) return { headers: {}, limited: false }
    const now = clock.now()
    if (!rlWindow || now >= rlWindow.end) rlWindow = { end: now + rateLimit.windowMs, used: 0 }
    const limited = rlWindow.used >= rateLimit.limit
    if (!limited) rlWindow.used++
    return {
      limited,
      headers: {
        [`${rlPrefix}-Limit`]: String(rateLimit.limit),
        [`${rlPrefix}-Remaining`]: String(Math.max(0, rateLimit.limit - rlWindow.used)),
        [`${rlPrefix}-Reset`]: String(Math.ceil(rlWindow.end / 1000))
      }
    }
  }

  /**
   * @param {number} status
   * @param {unknown} body
   * @param {Record<string, string>} [extra]
   * @returns {SimResponse}
   */
  function json(status, body, extra = {}) {
    return { status, headers: { 'Content-Type': 'application/json', ...extra }, body: JSON.stringify(body) ?? '' }
  }

  /**
   * 202 while the request key is still "being computed".
   * @param {SimRequest} req
   * @returns {boolean}
   */
  function stillPending(req) {
    if (!pending || (pending.polls === undefined && pending.ms === undefined)) return false
    const query = Object.entries(req.query)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${k}=${v}`)
      .join('&')
    const key = `${req.path}?${query}#${req.onBehalfOf ?? ''}`
    const now = clock.now()
    let st = pendingState.get(key)
    if (!st) {
      st = { count: 0, first: now }
      pendingState.set(key, st)
    }
    st.count++
    if (pending.polls !== undefined && st.count <= pending.polls) return true
    if (pending.ms !== undefined && now - st.first < pending.ms) return true
    return false
  }

  /**
   * Which account `on-behalf-of` names (undefined header = parent; null = unknown, or of another
   * region than the API host asked).
   * @param {string | undefined} header
   * @param {'global' | 'eu' | undefined} region
   * @returns {Account | null}
   */
  function resolveAccount(header, region) {
    const account = named(header)
    return account && region !== undefined && regionOf(account) !== region ? null : account
  }

  /**
   * @param {string | undefined} header
   * @returns {Account | null}
   */
  function named(header) {
    if (header === undefined) return parent
    const m = /^account-id\s+(.+)$/i.exec(header.trim())
    if (m && m[1] !== undefined) return byCustomerId.get(m[1].trim()) ?? null
    return byUsername.get(header) ?? null
  }

  /**
   * @param {SimRequest} req
   * @param {Account} account
   * @param {Record<string, string>} rl
   * @returns {SimResponse}
   */
  function scores(req, account, rl) {
    const { from, to } = req.query
    if (from === undefined || from === '') return json(400, parseError('from', '"from" must be provided'), rl)
    if (to === undefined || to === '') return json(400, parseError('to', '"to" must be provided'), rl)
    const fromDay = parseDay(from)
    if (fromDay === undefined) return json(400, parseError('from', '"from" invalid'), rl)
    const toDay = parseDay(to)
    if (toDay === undefined) return json(400, parseError('to', '"to" invalid'), rl)
    if (fromDay < oldest) return json(400, parseError('from', '"from" cannot be more than 90 days in the past'), rl)
    if (toDay < oldest) return json(400, parseError('to', '"to" cannot be more than 90 days in the past'), rl)
    if (toDay > today) return json(400, parseError('to', '"to" cannot be in the future'), rl)
    if (fromDay > toDay) return json(400, parseError('to', '"from" cannot come after "to"'), rl)
    if (stillPending(req)) return json(202, { message: PROCESSING_MESSAGE }, rl)
    /** @type {ScoreEntry[]} */
    const result = []
    const withDates = !(fromDay === toDay && options.dates === 'multi-day-only')
    for (let d = fromDay; d <= toDay; d++) {
      const entry = entryFor(account, formatDay(d), options, withDates)
      if (entry) result.push(entry)
    }
    return json(200, result.length === 0 && options.emptyResult === 'absent' ? {} : { result }, rl)
  }

  /**
   * @param {SimRequest} req
   * @param {Account} account
   * @param {Record<string, string>} rl
   * @returns {SimResponse}
   */
  function subuserScores(req, account, rl, region = regionOfHost(req)) {
    const { date, limit, after_key: afterKey } = req.query
    if (date === undefined || date === '') return json(400, parseError('date', '"date" must be provided'), rl)
    const day = parseDay(date)
    if (day === undefined) return json(400, parseError('date', '"date" invalid'), rl)
    if (day < oldest) return json(400, parseError('date', '"date" cannot be more than 90 days in the past'), rl)
    if (day > today) return json(400, parseError('date', '"date" cannot be in the future'), rl)
    let pageSize = MAX_LIMIT
    if (limit !== undefined && limit !== '') {
      if (!/^-?\d+$/.test(limit)) return json(400, parseError('limit', '"limit" invalid'), rl)
      pageSize = Number(limit)
      if (pageSize <= 0) return json(400, parseError('limit', '"limit" must be a positive integer'), rl)
      if (pageSize > MAX_LIMIT) return json(400, parseError('limit', '"limit" invalid'), rl)
    }
    let start = 0
    // A subuser has no subusers of its own; a region's API host lists that region's subusers.
    const list = account !== parent ? [] : region === undefined ? subusers : subusers.filter((subuser) => regionOf(subuser) === region)
    if (afterKey !== undefined && afterKey !== '') {
      if (!/^-?\d+$/.test(afterKey)) return json(400, parseError('after_key', '"after_key" invalid'), rl)
      const after = Number(afterKey)
      let lo = 0
      let hi = list.length
      while (lo < hi) {
        const mid = (lo + hi) >>> 1
        if (/** @type {Account} */ (list[mid]).idNum <= after) lo = mid + 1
        else hi = mid
      }
      start = lo
    }
    const refusal = options.subuserListing
    if (refusal === 403 || refusal === 404) return json(refusal, LISTING_REFUSALS[refusal], rl)
    if (stillPending(req)) return json(202, { message: PROCESSING_MESSAGE }, rl)
    const page = list.slice(start, start + pageSize)
    const withDates = options.dates !== 'multi-day-only'
    const result = page.flatMap((a) => entryFor(a, date, options, withDates) ?? [])
    const last = page[page.length - 1]
    /** @type {{ next_params?: { after_key: string | null } }} */
    const metadata = {}
    if (last && start + page.length < list.length) metadata.next_params = { after_key: last.userId }
    else if (options.lastAfterKey === 'null') metadata.next_params = { after_key: null }
    else if (options.lastAfterKey === 'empty') metadata.next_params = { after_key: '' }
    return json(200, { result, _metadata: metadata }, rl)
  }

  /**
   * Normal handling: rate limit, auth, routing, Stats access, on-behalf-of, validation, pending, data.
   * @param {SimRequest} req
   * @returns {SimResponse}
   */
  function handle(req) {
    const { headers: rl, limited } = takeRateLimit()
    if (limited) return json(429, errorBody(null, 'too many requests'), rl)
    const region = regionOfHost(req)
    // The key belongs to the parent's region: the other region's host does not know it.
    const keyKnown = req.authorized && (region === undefined || regionOf(parent) === region)
    if (!keyKnown) return json(401, errorBody(null, 'authorization required'), rl)
    const stats = STATS_PATHS.has(req.path)
    const known = stats || req.path === SCORES_PATH || req.path === SUBUSERS_SCORES_PATH
    if (!known) return json(404, errorBody(null, 'not found'), rl)
    if (req.method !== 'GET') return json(405, errorBody(null, 'method not allowed'), { ...rl, Allow: 'GET' })
    if (stats && options.statsAccess === 'none') return json(403, errorBody(null, 'access forbidden'), rl)
    const account = resolveAccount(req.onBehalfOf, region)
    if (!account) return json(403, errorBody(null, 'access forbidden'), rl)
    if (stats) return statsOf(req, account, rl)
    return req.path === SCORES_PATH ? scores(req, account, rl) : subuserScores(req, account, rl, region)
  }

  /**
   * A Stats endpoint's query, checked: the days (`end_date` defaults to today, and days after it
   * have no stats yet), `aggregated_by`, paging and sorting.
   * @param {Record<string, string>} q
   * @returns {StatsQuery | { error: object }}
   */
  function statsQuery(q) {
    const { start_date: startDate, end_date: endDate, aggregated_by: aggregatedBy = 'day', sort_by_metric: sortBy = 'delivered' } = q
    if (startDate === undefined || startDate === '') return { error: errorBody('start_date', 'start_date is required') }
    const start = parseDay(startDate)
    if (start === undefined) return { error: errorBody('start_date', 'start_date must be YYYY-MM-DD') }
    const end = endDate === undefined || endDate === '' ? today : parseDay(endDate)
    if (end === undefined) return { error: errorBody('end_date', 'end_date must be YYYY-MM-DD') }
    if (end < start) return { error: errorBody('end_date', 'end_date must not be before start_date') }
    if (aggregatedBy !== 'day' && aggregatedBy !== 'week' && aggregatedBy !== 'month')
      return { error: errorBody('aggregated_by', 'aggregated_by must be day, week or month') }
    const direction = q.sort_by_direction ?? 'desc'
    if (direction !== 'desc' && direction !== 'asc') return { error: errorBody('sort_by_direction', 'sort_by_direction must be desc or asc') }
    if (!(sortBy in metricsOf(sum([]), 'category'))) return { error: errorBody('sort_by_metric', `${sortBy} is not a metric`) }
    /** @type {Record<'limit' | 'offset', number | undefined>} */
    const paging = { limit: undefined, offset: undefined }
    for (const name of /** @type {const} */ (['limit', 'offset'])) {
      const value = q[name]
      if (value === undefined || value === '') continue
      if (!/^\d+$/.test(value) || (name === 'limit' && Number(value) === 0)) return { error: errorBody(name, `${name} must be a ${name === 'limit' ? 'positive' : 'non-negative'} integer`) }
      paging[name] = Number(value)
    }
    return { start, end: Math.min(end, today), aggregatedBy, sortBy, direction, limit: paging.limit, offset: paging.offset ?? 0 }
  }

  /**
   * One of the three Stats endpoints, after its query is checked.
   * @param {SimRequest} req
   * @param {Account} account
   * @param {Record<string, string>} rl
   * @returns {SimResponse}
   */
  function statsOf(req, account, rl) {
    const query = statsQuery(req.query)
    if ('error' in query) return json(400, query.error, rl)
    if (req.path === STATS_PATH) return json(200, paged(globalStats(account, query), query), rl)
    if (req.path === PROVIDER_STATS_PATH) return json(200, providerStats(account, query), rl)
    return json(200, categorySums(account, query, req.query.start_date ?? ''), rl)
  }

  /**
   * An account's days from `start` to `end`, grouped as `aggregated_by` asks.
   * @param {Account} account
   * @param {StatsQuery} query
   * @returns {{ date: string, days: import('./stats.js').AccountDay[], first: number }[]}
   */
  function periods(account, { start, end, aggregatedBy }) {
    /** @type {Map<number, { date: string, days: import('./stats.js').AccountDay[], first: number }>} */
    const groups = new Map()
    for (let d = start; d <= end; d++) {
      const key = periodStart(d, aggregatedBy)
      const group = groups.get(key) ?? { date: formatDay(Math.max(key, start)), days: [], first: d }
      group.days.push(accountDay(account, d, scoresOn(account, formatDay(d))?.metrics))
      groups.set(key, group)
    }
    return [...groups.values()]
  }

  /**
   * `/v3/stats`: one entry a period, the whole account's metrics.
   * @param {Account} account
   * @param {StatsQuery} query
   */
  function globalStats(account, query) {
    return periods(account, query).map(({ date, days }) => ({ date, stats: [{ metrics: metricsOf(sum(days.map((day) => day.total)), 'global') }] }))
  }

  /**
   * `/v3/mailbox_providers/stats`: a page of provider rows (`limit` from `offset`, in date and then
   * provider order), grouped into an entry per period. A day's providers may span two pages.
   * @param {Account} account
   * @param {StatsQuery} query
   */
  function providerStats(account, query) {
    const kept = options.providerStatsDays === undefined ? -Infinity : today - options.providerStatsDays + 1
    const rows = periods(account, query).flatMap(({ date, days, first }) => {
      if (first < kept) return []
      /** @type {Map<string, import('./stats.js').Counts[]>} */
      const byName = new Map()
      for (const day of days) for (const { name, counts } of day.providers) byName.set(name, [...(byName.get(name) ?? []), counts])
      return [...byName].map(([name, all]) => ({ date, name, counts: sum(all) }))
    })
    /** @type {{ date: string, stats: { type: string, name: string, metrics: object }[] }[]} */
    const entries = []
    for (const { date, name, counts } of rows.slice(query.offset, query.offset + (query.limit ?? PROVIDER_PAGE))) {
      const last = entries[entries.length - 1]
      const entry = last?.date === date ? last : { date, stats: [] }
      if (entry !== last) entries.push(entry)
      entry.stats.push({ type: 'mailbox_provider', name, metrics: metricsOf(counts, 'provider') })
    }
    return entries
  }

  /**
   * `/v3/categories/stats/sums`: every category summed over the days, sorted, one object.
   * @param {Account} account
   * @param {StatsQuery} query
   * @param {string} startDate as asked
   */
  function categorySums(account, query, startDate) {
    /** @type {Map<string, import('./stats.js').Counts[]>} */
    const byName = new Map()
    for (let d = query.start; d <= query.end; d++)
      for (const { name, counts } of accountDay(account, d, scoresOn(account, formatDay(d))?.metrics).categories)
        byName.set(name, [...(byName.get(name) ?? []), counts])
    const metric = query.sortBy
    const sign = query.direction === 'asc' ? 1 : -1
    const stats = [...byName]
      .map(([name, all]) => ({ metrics: metricsOf(sum(all), 'category'), name, type: 'category' }))
      .sort((a, b) => sign * ((a.metrics[metric] ?? 0) - (b.metrics[metric] ?? 0)) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    return { date: startDate, stats: paged(stats, { ...query, limit: query.limit ?? CATEGORY_PAGE }) }
  }

  /**
   * @param {http.ServerResponse} res
   * @param {SimResponse} r
   */
  function send(res, r) {
    sendBytes(res, r, Buffer.from(r.body, 'utf8'))
  }

  /**
   * @param {http.ServerResponse} res
   * @param {SimResponse} r status and headers
   * @param {Buffer} buf the bytes actually sent (Content-Length matches them)
   */
  function sendBytes(res, r, buf) {
    res.writeHead(r.status, { ...r.headers, 'Content-Length': String(buf.length) })
    res.end(buf)
  }

  /**
   * @param {http.IncomingMessage} req
   * @param {http.ServerResponse} res
   * @param {FaultAction} action
   * @param {SimRequest} sreq
   */
  function applyFault(req, res, action, sreq) {
    if (!('kind' in action)) {
      const { status, body, headers = {} } = action
      /** @type {Record<string, string>} */
      const base = {}
      let text = ''
      if (typeof body === 'string') {
        text = body
        base['Content-Type'] = body.trimStart().startsWith('<') ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8'
      } else if (body !== undefined) {
        text = JSON.stringify(body)
        base['Content-Type'] = 'application/json'
      }
      // let `headers` override the defaults whatever their case
      const overridden = new Set(Object.keys(headers).map((h) => h.toLowerCase()))
      for (const k of Object.keys(base)) if (overridden.has(k.toLowerCase())) delete base[k]
      const buf = Buffer.from(text, 'utf8')
      const all = { ...base, ...headers }
      if (!overridden.has('content-length')) all['Content-Length'] = String(buf.length)
      res.writeHead(status, all)
      res.end(buf)
      return
    }
    switch (action.kind) {
      case 'reset':
        req.socket.destroy()
        return
      case 'hang':
        return // the socket is tracked; close() destroys it
      case 'body': {
        const { headers: rl } = takeRateLimit()
        send(res, json(action.status ?? 200, action.body, rl))
        return
      }
      case 'truncate': {
        const r = handle(sreq)
        const buf = Buffer.from(r.body, 'utf8')
        sendBytes(res, r, buf.subarray(0, Math.floor(buf.length / 2)))
        return
      }
      case 'reset-mid-body': {
        const r = handle(sreq)
        const buf = Buffer.from(r.body, 'utf8')
        res.writeHead(r.status, { ...r.headers, 'Content-Length': String(buf.length) })
        res.write(buf.subarray(0, Math.floor(buf.length / 2)), () => {
          void sleep(20).then(() => req.socket.destroy())
        })
        return
      }
      case 'drip': {
        const r = handle(sreq)
        const buf = Buffer.from(r.body, 'utf8')
        res.writeHead(r.status, { ...r.headers, 'Content-Length': String(buf.length) })
        res.flushHeaders()
        let i = 0
        const stop = () => {
          clearInterval(timer)
          cancellers.delete(stop)
        }
        const timer = setInterval(() => {
          if (res.destroyed || i >= buf.length) {
            stop()
            if (!res.destroyed) res.end()
            return
          }
          res.write(buf.subarray(i, i + 1))
          i++
          if (i >= buf.length) {
            stop()
            res.end()
          }
        }, Math.max(1, action.intervalMs))
        cancellers.add(stop)
        res.on('close', stop)
        return
      }
      default: {
        /** @type {never} */
        const unknownAction = action
        throw new TypeError(`unknown fault action: ${JSON.stringify(unknownAction)}`)
      }
    }
  }

  /**
   * @param {http.IncomingMessage} req
   * @param {http.ServerResponse} res
   */
  async function onRequest(req, res) {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    /** @type {Record<string, string>} */
    const query = {}
    for (const [k, v] of url.searchParams) if (!(k in query)) query[k] = v
    const obo = req.headers['on-behalf-of']
    /** @type {SimRequest} */
    const sreq = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query,
      authorized: req.headers.authorization === `Bearer ${apiKey}`,
      headers: { ...req.headers }
    }
    if (obo !== undefined) sreq.onBehalfOf = Array.isArray(obo) ? obo.join(', ') : obo
    requests.push(sreq)
    const n = ++received

    const delay = typeof latencyMs === 'function' ? latencyMs(sreq) : (latencyMs ?? 0)
    if (!(await sleep(delay)) || res.destroyed) return

    const action = fault?.(sreq, n)
    if (action) applyFault(req, res, action, sreq)
    else send(res, handle(sreq))
  }

  /** @type {http.RequestListener} */
  const listener = (req, res) => {
    onRequest(req, res).catch((err) => {
      if (res.headersSent) {
        res.destroy()
        return
      }
      send(res, json(500, { errors: [{ message: `simulator error: ${err instanceof Error ? err.message : String(err)}` }] }))
    })
  }

  const server = options.tls
    ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, listener)
    : http.createServer(listener)
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  // TLS sockets come through 'secureConnection' as well; the raw TCP socket is what we destroy.

  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve(undefined)
    })
  })
  const address = server.address()
  if (!address || typeof address === 'string') throw new Error('simulator: unexpected server address')
  const port = address.port

  /** @type {Promise<void> | undefined} */
  let closing
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    requests,
    close() {
      if (closing) return closing
      closed = true
      closing = new Promise((resolve) => {
        server.close(() => resolve())
        for (const cancel of [...cancellers]) cancel()
        server.closeAllConnections()
        for (const s of sockets) s.destroy()
      })
      return closing
    },
    reset() {
      requests.length = 0
      received = 0
      pendingState = new Map()
      rlWindow = undefined
    }
  }
}
