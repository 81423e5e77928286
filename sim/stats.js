// @ts-check
/**
 * The simulator's email stats: what SendGrid's Stats API would count for an account on a day,
 * derived from the metric scores the simulator serves for it, so that the two agree. A metric
 * score below 4 adds to the counts behind it (or, for opens and clicks, takes from them), and all
 * of that at one mailbox provider and one category: the "why" a breach has.
 *
 * Deterministic: the same account and day always give the same counts. Node built-ins only.
 */

/** @typedef {import('./simulator.js').Metrics} Metrics */
/** @typedef {keyof Metrics} MetricName */

/**
 * The counts every Stats endpoint of the simulator gives.
 * @typedef {object} Counts
 * @property {number} requests
 * @property {number} delivered
 * @property {number} bounces
 * @property {number} blocks
 * @property {number} spam_reports
 * @property {number} unique_opens
 * @property {number} unique_clicks
 */

/**
 * What an account sends, for its stats.
 * @typedef {object} StatsSpec
 * @property {number} [volume] requests on an ordinary day (each day varies within ±10%); default
 *   10,000 to 20,000 by userId; 0 sends nothing
 * @property {string[]} [categories] the categories its mail carries, the first the one a breach
 *   comes from; default none, as most senders set none
 * @property {string[]} [providers] the mailbox providers its recipients use, most used first;
 *   default PROVIDERS
 * @property {Partial<Record<MetricName, string>>} [culprits] the provider each metric's breach
 *   comes from; default CULPRITS
 */

/** The mailbox providers an account's recipients use by default, most used first. */
export const PROVIDERS = Object.freeze(['Gmail', 'Yahoo', 'Outlook.com', 'Apple iCloud', 'AOL', 'Comcast'])

/** Where each metric's breach comes from, by default: the provider that carries the extra counts. */
export const CULPRITS = Object.freeze({
  spam_rate: 'Gmail',
  bounce_rate: 'Yahoo',
  bounce_classification: 'Outlook.com',
  open_rate: 'Gmail',
  engagement_recency: 'Gmail'
})

/**
 * Each count's rate by the score of the metric behind it (index = score, 1..5). Spam reports,
 * opens and clicks are per delivered message, bounces and blocks per request.
 */
const RATES = {
  blocks: [0, 0.1, 0.05, 0.02, 0.005, 0.002],
  bounces: [0, 0.1, 0.06, 0.03, 0.01, 0.004],
  spam_reports: [0, 0.008, 0.004, 0.0015, 0.0004, 0.0002],
  unique_opens: [0, 0.04, 0.08, 0.14, 0.22, 0.3],
  unique_clicks: [0, 0.005, 0.01, 0.02, 0.035, 0.05]
}

/** An ordinary day: every metric at 4. */
const ORDINARY = Object.freeze({ engagement_recency: 4, open_rate: 4, bounce_classification: 4, bounce_rate: 4, spam_rate: 4 })

/**
 * One account's day, as the Stats endpoints see it.
 * @typedef {object} AccountDay
 * @property {Counts} total the whole account (`/v3/stats`); the sum of the providers
 * @property {{ name: string, counts: Counts }[]} providers (`/v3/mailbox_providers/stats`)
 * @property {{ name: string, counts: Counts }[]} categories (`/v3/categories/stats/sums`, before summing)
 */

/**
 * @param {{ idNum: number, spec: { stats?: StatsSpec } }} account
 * @param {number} day days since 1970-01-01
 * @param {Metrics | undefined} metrics the day's metric scores; undefined (not eligible) is an ordinary day
 * @returns {AccountDay}
 */
export function accountDay(account, day, metrics) {
  const spec = account.spec.stats ?? {}
  const scores = metrics ?? ORDINARY
  const requests = dayVolume(spec.volume ?? 10_000 + ((account.idNum * 3797) % 10_000), account.idNum, day)
  const culprits = { ...CULPRITS, ...spec.culprits }
  const providers = shares(spec.providers ?? PROVIDERS, requests).map(({ name, requests: own }) => {
    const breaches = /** @type {MetricName[]} */ (Object.keys(culprits)).filter((metric) => culprits[metric] === name)
    return { name, counts: segment(own, requests, scores, breaches) }
  })
  const everyMetric = /** @type {MetricName[]} */ (Object.keys(ORDINARY))
  const categories = shares(spec.categories ?? [], requests).map(({ name, requests: own }, index) => ({
    name,
    counts: segment(own, requests, scores, index === 0 ? everyMetric : [])
  }))
  return { total: sum(providers.map((provider) => provider.counts)), providers, categories }
}

/** @returns {Counts} */
export function zeroCounts() {
  return { requests: 0, delivered: 0, bounces: 0, blocks: 0, spam_reports: 0, unique_opens: 0, unique_clicks: 0 }
}

/**
 * @param {Counts[]} all
 * @returns {Counts}
 */
export function sum(all) {
  const total = zeroCounts()
  for (const counts of all) for (const key of /** @type {(keyof Counts)[]} */ (Object.keys(total))) total[key] += counts[key]
  return total
}

/**
 * The counts as the spec's metrics objects write them: those the gate reads, and the rest of the
 * schema's fields derived from them.
 * @param {Counts} counts
 * @param {'global' | 'provider' | 'category'} shape
 * @returns {Record<string, number>}
 */
export function metricsOf(counts, shape) {
  const derived = {
    clicks: Math.round(counts.unique_clicks * 1.3),
    deferred: Math.round(counts.requests * 0.01),
    opens: Math.round(counts.unique_opens * 1.4),
    processed: counts.requests
  }
  if (shape === 'provider') return { ...counts, ...derived, drops: 0 }
  return { ...counts, ...derived, bounce_drops: 0, invalid_emails: 0, spam_report_drops: 0, unsubscribe_drops: 0, unsubscribes: Math.round(counts.delivered * 0.001) }
}

/**
 * An ordinary day's volume, give or take 10% by the day.
 * @param {number} volume
 * @param {number} idNum
 * @param {number} day
 */
function dayVolume(volume, idNum, day) {
  return Math.round(volume * (0.9 + ((day * 7 + idNum) % 11) / 50))
}

/**
 * `requests` shared among `names`, the first the largest (the i-th weighs 1/(i+1)).
 * @param {readonly string[]} names
 * @param {number} requests
 */
function shares(names, requests) {
  const weights = names.map((_, index) => 1 / (index + 1))
  const whole = weights.reduce((a, b) => a + b, 0)
  return names.map((name, index) => ({ name, requests: Math.round((requests * (weights[index] ?? 0)) / whole) }))
}

/**
 * A segment's (provider's or category's) counts: at the rates of its scores where they are 4 or
 * better, and, for each metric in `breaches` scored below 4, what the whole account sends more (or
 * less) than an ordinary day on top of them.
 * @param {number} requests the segment's
 * @param {number} accountRequests the whole account's, which the extra counts are reckoned from
 * @param {Metrics} scores
 * @param {MetricName[]} breaches the metrics whose breach this segment carries
 * @returns {Counts}
 */
function segment(requests, accountRequests, scores, breaches) {
  /** @param {MetricName} metric */
  const score = (metric) => Math.min(Math.max(Math.round(scores[metric]), 1), 5)
  /** @param {MetricName} metric */
  const ordinary = (metric) => Math.max(score(metric), 4)
  /** @param {MetricName} metric @param {number[]} rates the extra a breach brings, over the whole account */
  const extra = (metric, rates) => (breaches.includes(metric) ? Math.round(accountRequests * ((rates[score(metric)] ?? 0) - (rates[4] ?? 0))) : 0)
  const blocks = Math.min(requests, Math.round(requests * (RATES.blocks[ordinary('bounce_classification')] ?? 0)) + extra('bounce_classification', RATES.blocks))
  const bounces = Math.min(requests - blocks, Math.round(requests * (RATES.bounces[ordinary('bounce_rate')] ?? 0)) + extra('bounce_rate', RATES.bounces))
  const delivered = requests - blocks - bounces
  const spam = Math.min(delivered, Math.round(delivered * (RATES.spam_reports[ordinary('spam_rate')] ?? 0)) + extra('spam_rate', RATES.spam_reports))
  // Opens and clicks fall where the breach is: the segment's own rate is the low score's.
  /** @param {MetricName} metric */
  const own = (metric) => (breaches.includes(metric) ? score(metric) : ordinary(metric))
  return {
    requests,
    delivered,
    bounces,
    blocks,
    spam_reports: spam,
    unique_opens: Math.round(delivered * (RATES.unique_opens[own('open_rate')] ?? 0)),
    unique_clicks: Math.round(delivered * (RATES.unique_clicks[own('engagement_recency')] ?? 0))
  }
}
