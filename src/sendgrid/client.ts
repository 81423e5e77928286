import { Agent, EnvHttpProxyAgent, request, type Dispatcher } from 'undici'
import { formatDuration, type Day } from '../dates.js'
import { isObject, parseJson } from '../json.js'
import { redactor } from '../redact.js'
import { ACTION_WORDING, type Wording } from '../wording.js'

/**
 * The one place that knows SendGrid's URLs, headers, status codes, rate-limit headers and error
 * bodies. Every answer, including every failure, comes back as an `ApiOutcome` value.
 */

export const SCORES_PATH = '/v3/engagementquality/scores'
export const SUBUSER_SCORES_PATH = '/v3/engagementquality/subusers/scores'
/** The subusers endpoint's largest page. */
const SUBUSER_PAGE_LIMIT = 1000

export interface RateLimit {
  limit?: number
  remaining?: number
  /** When the current window ends, in ms since the epoch. */
  resetAtMs?: number
}

export type ApiOutcome =
  | { kind: 'ok'; body: unknown; rateLimit: RateLimit }
  | { kind: 'pending'; rateLimit: RateLimit }
  | { kind: 'rate-limited'; rateLimit: RateLimit }
  /** `retryable`: a 5xx, a network error or a timeout, which may pass; no `status`: no HTTP answer at all. */
  | { kind: 'failed'; retryable: boolean; message: string; status?: number; rateLimit: RateLimit }

export interface SendGridClientOptions {
  apiKey: string
  baseUrl: string
  dispatcher?: Dispatcher
  /** How advice names settings (api-key, base-url, region); the Action's by default. */
  wording?: Wording
}

export interface ScoresQuery {
  from: Day
  to: Day
  /** A subuser's username or `account-id <id>`; absent for the key's own account. */
  onBehalfOf?: string
}

export class SendGridClient {
  private readonly redact: (text: string) => string
  /** The key as JSON escapes it: a key with a backslash or a quote in it. */
  private readonly redactEscaped: (text: string) => string

  constructor(private readonly options: SendGridClientOptions) {
    this.redact = redactor(options.apiKey)
    this.redactEscaped = redactor(JSON.stringify(options.apiKey).slice(1, -1))
  }

  get host(): string {
    return new URL(this.options.baseUrl).host
  }

  private get wording(): Wording {
    return this.options.wording ?? ACTION_WORDING
  }

  scores({ from, to, onBehalfOf }: ScoresQuery, timeoutMs: number): Promise<ApiOutcome> {
    return this.get(SCORES_PATH, { from, to }, onBehalfOf, timeoutMs)
  }

  subuserScores(date: Day, afterKey: string | undefined, timeoutMs: number): Promise<ApiOutcome> {
    const query: Record<string, string> = { date, limit: String(SUBUSER_PAGE_LIMIT) }
    if (afterKey !== undefined) query.after_key = afterKey
    return this.get(SUBUSER_SCORES_PATH, query, undefined, timeoutMs)
  }

  private async get(
    path: string,
    query: Record<string, string>,
    onBehalfOf: string | undefined,
    timeoutMs: number
  ): Promise<ApiOutcome> {
    const url = `${this.options.baseUrl}${path}?${new URLSearchParams(query)}`
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.options.apiKey}`,
      accept: 'application/json',
      'user-agent': 'sendgrid-engagement-quality-gate'
    }
    if (onBehalfOf !== undefined) headers['on-behalf-of'] = onBehalfOf
    // Covers the whole exchange, body included: a server that drips bytes cannot stall us.
    const signal = AbortSignal.timeout(timeoutMs)
    try {
      const response = await request(url, { method: 'GET', headers, dispatcher: this.options.dispatcher, signal })
      const text = await response.body.text()
      const safe = this.redactText(text)
      // Without a backslash, JSON has no escapes: the strings it holds are the text's, already clean.
      return this.redacted(classify(response.statusCode, response.headers, safe, { host: this.host, onBehalfOf, wording: this.wording }), safe.includes('\\'))
    } catch (error) {
      // Whether our own timer fired, not what the error is called: undici names other aborts
      // (a proxy refusing the tunnel) AbortError too.
      const timedOut = signal.aborted
      const message = describeNetworkError(error, { host: this.host, wording: this.wording }, timeoutMs, timedOut)
      return this.redacted({ kind: 'failed', retryable: isRetryableNetworkError(error, timedOut), message, rateLimit: {} })
    }
  }

  /**
   * A gateway or error may echo the Authorization header back, and a body's values end up in
   * messages (an off-schema value is quoted); the key never leaves this class.
   */
  private redacted(outcome: ApiOutcome, escaped = true): ApiOutcome {
    if (outcome.kind === 'ok') return escaped ? { ...outcome, body: this.redactValue(outcome.body) } : outcome
    if (outcome.kind !== 'failed') return outcome
    return { ...outcome, message: this.redact(outcome.message) }
  }

  /**
   * A raw body, before it is parsed or described: the key as sent and as JSON escapes it (a key
   * with a backslash or a quote in it). First, because a description cut to length could
   * otherwise keep part of an echoed key, which no later search for the whole key would find.
   */
  private redactText(text: string): string {
    return this.redactEscaped(this.redact(text))
  }

  /** Every string in a parsed body, however the server escaped the key in its JSON. */
  private redactValue(value: unknown): unknown {
    if (typeof value === 'string') return this.redact(value)
    if (Array.isArray(value)) return value.map((item) => this.redactValue(item))
    if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [this.redact(key), this.redactValue(item)]))
    return value
  }
}

/**
 * Honours HTTPS_PROXY / HTTP_PROXY / NO_PROXY when one is set. Without them, a plain agent: undici
 * warns that its proxy agent is experimental, and that warning should not reach every user's log.
 */
export function dispatcherFromEnvironment(env: NodeJS.ProcessEnv = process.env): Dispatcher {
  const proxied = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'].some((name) => env[name])
  return proxied ? new EnvHttpProxyAgent() : new Agent()
}

type Headers = Record<string, string | string[] | undefined>

interface RequestContext {
  host: string
  onBehalfOf?: string
  wording: Wording
}

function classify(status: number, headers: Headers, text: string, context: RequestContext): ApiOutcome {
  const rateLimit = readRateLimit(headers)
  if (status === 200) {
    const body = parseJson(text)
    return body === undefined
      ? { kind: 'failed', retryable: false, message: `SendGrid answered 200 with a body that is not JSON: ${describeBody(text)}`, status, rateLimit }
      : { kind: 'ok', body, rateLimit }
  }
  if (status === 202) return { kind: 'pending', rateLimit }
  if (status === 429) return { kind: 'rate-limited', rateLimit }
  const answered = `SendGrid answered ${status}${sendGridMessage(text)}`
  return { kind: 'failed', retryable: status >= 500, message: `${answered}${advice(status, context)}`, status, rateLimit }
}

function advice(status: number, { host, onBehalfOf, wording }: RequestContext): string {
  switch (status) {
    case 401:
      return `: the API key was rejected; check that ${wording.keySource} holds a current, unrevoked SendGrid API key`
    case 403:
      return onBehalfOf === undefined
        ? ': the API key may not read Engagement Quality scores; check its scopes'
        : `: check that "${onBehalfOf}" is a subuser or customer account of the key's account, ` +
            `that the key may act on behalf of subusers, and the region (EU subusers need ${wording.settingTo('region', 'eu')})`
    case 400:
      return `: SendGrid refused the request; check the ${wording.setting('from')}/${wording.setting('to')} dates`
    case 404:
      return `: ${host} has no Engagement Quality API; check ${wording.setting('base-url')} and ${wording.setting('region')}`
    default:
      return ''
  }
}

/** SendGrid's own words from an error body: `{"errors":[{field,message}]}`, `{"error":".."}` or text. */
function sendGridMessage(text: string): string {
  const body = parseJson(text)
  const messages: string[] = []
  if (isObject(body)) {
    if (Array.isArray(body.errors)) {
      for (const item of body.errors) {
        if (isObject(item) && typeof item.message === 'string')
          messages.push(typeof item.field === 'string' && item.field ? `${item.field}: ${item.message}` : item.message)
      }
    }
    for (const key of ['error', 'message'] as const) if (typeof body[key] === 'string') messages.push(body[key])
  }
  if (messages.length > 0) return ` (${messages.join('; ')})`
  return text.trim() === '' ? '' : ` (${describeBody(text)})`
}

/** A short, single-line description of a body that is not what SendGrid sends. */
function describeBody(text: string): string {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1]?.trim()
  if (/^\s*</.test(text)) return `an HTML page${title ? ` titled "${title}"` : ''}, probably from a proxy or gateway`
  const line = text.replace(/\s+/g, ' ').trim()
  if (line === '') return 'an empty body'
  return `"${line.length > 120 ? `${line.slice(0, 120)}…` : line}"`
}

function readRateLimit(headers: Headers): RateLimit {
  // undici lowers header names, so X-RateLimit-* and live SendGrid's X-Ratelimit-* both land here.
  const number = (name: string): number | undefined => {
    const raw = headers[name]
    const value = Number(Array.isArray(raw) ? raw[0] : raw)
    return raw === undefined || !Number.isFinite(value) ? undefined : value
  }
  const reset = number('x-ratelimit-reset')
  return { limit: number('x-ratelimit-limit'), remaining: number('x-ratelimit-remaining'), resetAtMs: reset === undefined ? undefined : reset * 1000 }
}

const RETRYABLE_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH',
  'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CLOSED'
])

function isRetryableNetworkError(error: unknown, timedOut: boolean): boolean {
  if (timedOut) return true
  const proxyStatus = proxyRefusal(error)
  if (proxyStatus !== undefined) return proxyStatus >= 500
  return RETRYABLE_CODES.has(errorCode(error) ?? '')
}

function describeNetworkError(error: unknown, { host, wording }: Omit<RequestContext, 'onBehalfOf'>, timeoutMs: number, timedOut: boolean): string {
  if (timedOut) return `no complete answer from ${host} within ${formatDuration(timeoutMs)} (${wording.setting('request-timeout')})`
  const proxyStatus = proxyRefusal(error)
  if (proxyStatus !== undefined)
    return `the proxy refused to connect to ${host} (HTTP ${proxyStatus}); check HTTPS_PROXY, HTTP_PROXY and NO_PROXY, and the proxy's credentials`
  const code = errorCode(error)
  const reason = isObject(error) && typeof error.message === 'string' ? error.message : String(error)
  if (code && /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code)) {
    // Node's own hint after the ";" (a command-line flag) is not something a workflow can act on.
    const what = (reason.split(';')[0] ?? reason).replace(/\s+/g, ' ').replace(/[\s:]+$/, '')
    return `TLS error talking to ${host}: ${what} (${code}); if a proxy or gateway uses its own CA, point NODE_EXTRA_CA_CERTS at it`
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `cannot resolve ${host} (${code}); check ${wording.setting('base-url')} and the runner's DNS`
  return `could not talk to ${host}: ${reason}${code && !reason.includes(code) ? ` (${code})` : ''}`
}

/** The status a proxy answered a CONNECT with, when it refused the tunnel (undici's wording). */
function proxyRefusal(error: unknown): number | undefined {
  const message = isObject(error) && typeof error.message === 'string' ? error.message : ''
  const status = /^Proxy response \((\d{3})\) !== 200 when HTTP Tunneling$/.exec(message)?.[1]
  return status === undefined ? undefined : Number(status)
}

function errorCode(error: unknown): string | undefined {
  if (!isObject(error)) return undefined
  if (typeof error.code === 'string') return error.code
  return errorCode(error.cause)
}
