// @ts-check
/**
 * Named, deterministic data sets for the SEQ simulator (demo, tests, benchmark).
 * Each builder returns SimulatorOptions to pass to startSimulator (spread and
 * override freely).
 */
import { addDays, parseDay, utcToday } from './simulator.js'

/** @typedef {import('./simulator.js').SimulatorOptions} SimulatorOptions */
/** @typedef {import('./simulator.js').AccountSpec} AccountSpec */

/**
 * Demo account `acme` with four subusers:
 * - `marketing`: healthy, alternating 4 and 5 by day
 * - `transactional`: 5 every day (also addressable as `on-behalf-of: account-id 8001`)
 * - `newsletters`: 4, then 2 on the latest 3 days (today-2..today) with spam_rate 1: its Stats
 *   show the spam reports at Gmail and in its `weekly-digest` category
 * - `cold-outreach`: never eligible (no score, no metrics), and no categories
 *
 * Every distinct request answers 202 for its first 1.5 s.
 * @param {string} [today] 'YYYY-MM-DD', default the current UTC date
 * @returns {SimulatorOptions & { today: string, parent: AccountSpec, subusers: AccountSpec[] }}
 */
export function demoScenario(today = utcToday()) {
  const dropFrom = addDays(today, -2)
  return {
    today,
    parent: { username: 'acme', userId: '1', score: 4, metrics: { open_rate: 3 } },
    subusers: [
      { username: 'marketing', userId: '1001', score: (date) => (dayNumber(date) % 2 === 0 ? 5 : 4), stats: { categories: ['spring-sale', 'newsletter'] } },
      { username: 'transactional', userId: '1002', customerAccountId: '8001', score: 5, stats: { categories: ['receipts', 'password-reset'] } },
      {
        username: 'newsletters',
        userId: '1003',
        score: (date) => (date >= dropFrom ? 2 : 4),
        metrics: (date) => (date >= dropFrom ? { spam_rate: 1, engagement_recency: 3 } : undefined),
        stats: { categories: ['weekly-digest', 'product-news', 'events'] }
      },
      { username: 'cold-outreach', userId: '1004', score: () => undefined }
    ],
    pending: { ms: 1500 }
  }
}

/** The inputs `npm run demo` and the summary screenshot run the demo scenario with (besides api-key and base-url). */
export const DEMO_INPUTS = Object.freeze({
  subusers: 'marketing, transactional, newsletters, cold-outreach',
  'include-parent': 'true',
  'min-metric-scores': 'spam_rate=3',
  'poll-interval': '500ms'
})

/**
 * A parent with 50 subusers over 14 days, as a new user with a real account might see it: most
 * healthy and steady (SEQ scores rolling 30-day windows, so they seldom change from one day to the
 * next), a few falling, five in breach for different reasons, one never scored and one without a
 * score on some days.
 * - `promo-us`: spam complaints in the last 3 days (score 2, spam rate 1), at Gmail and in `weekly-deals`
 * - `winback`: stale lists all along (score 2, engagement recency 1)
 * - `cold-outreach`: bounce rate falls to 2 over the last 5 days (score 3, then 2), at Yahoo; no categories
 * - `client-17`: open rate slides day by day (score 4 down to 2)
 * - `newsletters`: blocked by mailbox providers 10 to 6 days ago, recovered since (bounce classification 2, score 2),
 *   at Outlook.com and in `daily-digest`
 * - `client-33` never scored; `client-41` unscored on 3 days
 * The Stats agree (see stats.js); the accounts named here set categories, the clients none.
 * @param {string} [today] 'YYYY-MM-DD', default the current UTC date
 * @returns {SimulatorOptions & { today: string, parent: AccountSpec, subusers: AccountSpec[] }}
 */
export function fiftyAccountsScenario(today = utcToday()) {
  /** Every metric at 4 but those given: one culprit, as on a real account. */
  const healthy = (/** @type {Partial<import('./simulator.js').Metrics>} */ low) => ({ engagement_recency: 4, open_rate: 4, bounce_classification: 4, bounce_rate: 4, spam_rate: 4, ...low })
  const daysAgo = (/** @type {string} */ date) => (parseDay(today) ?? 0) - dayNumber(date)
  const blocked = (/** @type {string} */ date) => daysAgo(date) >= 6 && daysAgo(date) <= 10
  /** @type {AccountSpec[]} */
  const named = [
    { username: 'transactional', score: 5 },
    { username: 'receipts', score: 5 },
    { username: 'password-reset', score: (date) => (daysAgo(date) % 5 === 0 ? 4 : 5) },
    {
      username: 'promo-us',
      score: (date) => (daysAgo(date) <= 3 ? 2 : 4),
      metrics: (date) => (daysAgo(date) <= 3 ? healthy({ spam_rate: 1, open_rate: 3 }) : undefined),
      stats: { categories: ['weekly-deals', 'flash-sale', 'newsletter'] }
    },
    { username: 'promo-eu', score: (date) => (daysAgo(date) % 3 === 0 ? 3 : 4) },
    { username: 'winback', score: 2, metrics: healthy({ engagement_recency: 1, open_rate: 2 }) },
    { username: 'cold-outreach', score: (date) => (daysAgo(date) <= 5 ? 2 : 3), metrics: (date) => healthy({ bounce_rate: daysAgo(date) <= 5 ? 2 : 3, engagement_recency: 3 }) },
    { username: 'onboarding', score: (date) => (daysAgo(date) > 7 ? 5 : 4) },
    {
      username: 'newsletters',
      score: (date) => (blocked(date) ? 2 : 4),
      metrics: (date) => (blocked(date) ? healthy({ bounce_classification: 2, open_rate: 3 }) : undefined),
      stats: { categories: ['daily-digest', 'product-news'] }
    }
  ]
  /** @type {AccountSpec[]} */
  const clients = Array.from({ length: 50 - named.length }, (_, index) => {
    const number = index + 1
    const username = `client-${String(number).padStart(2, '0')}`
    if (number === 17) return { username, score: (date) => Math.max(2, 4 - Math.floor((14 - daysAgo(date)) / 5)), metrics: (date) => healthy({ open_rate: Math.max(1, 4 - Math.floor((14 - daysAgo(date)) / 4)) }) }
    if (number === 33) return { username, score: () => undefined }
    if (number === 41) return { username, score: (date) => ([2, 6, 9].includes(daysAgo(date)) ? undefined : 4) }
    // Steady at 4 or 5; every seventh loses a point for good a few days ago, every eleventh gains one.
    const steady = number % 3 === 0 ? 4 : 5
    return { username, score: (date) => steady - (number % 7 === 0 && daysAgo(date) <= number % 5 + 2 ? 1 : 0) + (number % 11 === 0 && daysAgo(date) <= 6 && steady === 4 ? 1 : 0) }
  })
  const subusers = [...named, ...clients].map((spec, index) => ({ userId: String(2001 + index), ...spec }))
  return { today, parent: { username: 'acme', userId: '1', score: 4, metrics: { open_rate: 3 } }, subusers }
}

/** The inputs the 50-account picture runs its scenario with (besides api-key and base-url). */
export const FIFTY_ACCOUNTS_INPUTS = Object.freeze({
  subusers: '*',
  'include-parent': 'true',
  from: '-14d',
  'min-metric-scores': 'spam_rate=3, bounce_rate=3'
})

/**
 * The username of bulk subuser `number` (from 1): `sub-00001`.
 * @param {number} number
 */
export function bulkUsername(number) {
  return `sub-${String(number).padStart(5, '0')}`
}

/**
 * Many subusers (`sub-00001`... with userIds 1001...), for pagination tests and
 * benchmarks. Scores are a cheap deterministic function of (index, date); every
 * `ineligibleEvery`-th subuser is never eligible (0 = none).
 * @param {number} count
 * @param {{ today?: string, ineligibleEvery?: number }} [options]
 * @returns {SimulatorOptions & { today: string, parent: AccountSpec, subusers: AccountSpec[] }}
 */
export function bulkScenario(count, options = {}) {
  const today = options.today ?? utcToday()
  const every = options.ineligibleEvery ?? 0
  /** @type {AccountSpec[]} */
  const subusers = new Array(count)
  for (let i = 0; i < count; i++) {
    const eligible = !(every > 0 && (i + 1) % every === 0)
    subusers[i] = {
      username: bulkUsername(i + 1),
      userId: String(1001 + i),
      score: eligible ? (date) => 1 + ((i + dayNumber(date)) % 5) : () => undefined
    }
  }
  return { today, parent: { username: 'parent', userId: '1' }, subusers }
}

/**
 * @param {string} date 'YYYY-MM-DD'
 * @returns {number} days since 1970-01-01
 */
function dayNumber(date) {
  return parseDay(date) ?? 0
}
