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
 * - `newsletters`: 4, then 2 on the latest 3 days (today-2..today) with spam_rate 1
 * - `cold-outreach`: never eligible (no score, no metrics)
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
      { username: 'marketing', userId: '1001', score: (date) => (dayNumber(date) % 2 === 0 ? 5 : 4) },
      { username: 'transactional', userId: '1002', customerAccountId: '8001', score: 5 },
      {
        username: 'newsletters',
        userId: '1003',
        score: (date) => (date >= dropFrom ? 2 : 4),
        metrics: (date) => (date >= dropFrom ? { spam_rate: 1, engagement_recency: 3 } : undefined)
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
