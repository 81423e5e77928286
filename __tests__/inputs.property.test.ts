import { describe, it, expect } from '@jest/globals'
import fc from 'fast-check'
import { addDays, isDay, type Day } from '../src/dates.js'
import { INPUT_DEFAULTS, InputError, parseConfig, RETENTION_DAYS, type Config, type InputName } from '../src/inputs.js'
import { METRICS } from '../src/records/score-record.js'

const NAMES = Object.keys(INPUT_DEFAULTS) as InputName[]
const KEY = 'SG.property-test-key'
const MAX_DURATION_MS = 6 * 3_600_000

/** Pieces of every input's grammar, and of what breaks it, so random joins are sometimes valid. */
const FRAGMENTS = [
  'today', 'Yesterday', '-', 'd', 'D', '0', '1', '3', '5', '7', '9', '90', '.', '2024', '2025', '-02-', '-29', '-06-', '30',
  '*', ',', '\n', '\r\n', '=', ' ', '\t', 'ms', 's', 'm', 'h', 'spam_rate', 'open_rate', 'account-id', 'alice', 'true',
  'FALSE', 'all', 'latest', 'average', 'warn', 'fail', 'ignore', 'eu', 'global', 'https://', 'http://', 'example.com', '/',
  '?', '#', '@', ':', 'é', '\u00a0', '\u2028', '😀', '\u0000', '"', '\\', '|', '$', '__proto__', 'constructor'
]

const soup = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 8 }).map((parts) => parts.join(''))
const anyText = fc.oneof(
  soup,
  fc.string({ unit: 'binary', maxLength: 16 }),
  fc.string({ maxLength: 16 }),
  fc.constantFrom('', ' ', '\n', ...Object.values(INPUT_DEFAULTS))
)
/** A UTC day between 2000 and 2099, to resolve relative dates against. */
const todayArb = fc.integer({ min: 0, max: 36_500 }).map((offset) => addDays('2000-01-01', offset))

/** Some accepted text for each input, so that whole configs come out valid often enough. */
const VALID: Record<InputName, string[]> = {
  'api-key': ['SG.key', ' SG.a$b*c(d)|e\\f '],
  subusers: ['', 'alice', 'alice, bob', '*', 'account-id 7', 'a\nb'],
  'include-parent': ['true', 'False'],
  from: ['-7d', '-30d', 'today', 'yesterday', '-90d'],
  to: ['yesterday', 'today', '-1d'],
  'min-score': ['1', '2.5', '5'],
  'min-metric-scores': ['', 'spam_rate=4', 'open_rate=2, bounce_rate=3.5'],
  'warn-score': ['', '4', '4.5', '5'],
  'warn-metric-scores': ['', 'spam_rate=5', 'open_rate=4, engagement_recency=2'],
  evaluate: ['all', 'LATEST', 'average'],
  'missing-scores': ['warn', 'fail', 'ignore'],
  'wait-timeout': ['90s', '1h', '1m30s'],
  'poll-interval': ['500ms', '15s'],
  'request-timeout': ['30s', '2m'],
  region: ['global', 'eu'],
  'base-url': ['', 'http://localhost:3000/', 'https://gw.example.com/x'],
  'fail-on-breach': ['true', 'false'],
  'on-error': ['fail', 'warn'],
  summary: ['TRUE', 'false'],
  explain: ['true', 'FALSE'],
  'max-drop': ['', '1', '0.5', '4'],
  'warn-drop': ['', '0.25', '0.5'],
  'junit-file': ['', 'seq-gate.xml', 'reports/junit.xml'],
  'metrics-file': ['', 'seq.prom', '/var/lib/node_exporter/textfile/seq-gate.prom'],
  'github-token': ['${{ github.token }}', 'ghs_abc123'],
  'check-run': ['true', 'FALSE'],
  'check-name': ['SendGrid engagement quality', 'SEQ (eu)'],
  'pr-comment': ['true', 'false'],
  'tracking-issue': ['true', 'FALSE'],
  'account-thresholds': ['', 'transactional: min-score=4, spam_rate=5', 'promo-*: min-score=2\naccount-id 8001: bounce_rate=4']
}

type Values = Partial<Record<InputName, string>>
/** Each input unset, set to an accepted value, or set to arbitrary text. */
const valuesArb = (text: fc.Arbitrary<string>): fc.Arbitrary<Values> =>
  fc.record(
    Object.fromEntries(
      NAMES.map((name) => [
        name,
        fc.oneof(
          { arbitrary: fc.constant(undefined), weight: 3 },
          { arbitrary: fc.constantFrom(...VALID[name]), weight: 8 },
          { arbitrary: text, weight: 1 }
        )
      ])
    ) as Record<InputName, fc.Arbitrary<string | undefined>>
  )

/** parseConfig's outcome: a Config, or the InputError it threw; anything else thrown escapes. */
function outcome(values: Values, today: Day): Config | InputError {
  try {
    return parseConfig((name) => values[name] ?? '', today)
  } catch (error) {
    if (error instanceof InputError) return error
    throw error
  }
}

/** A cheap assertion for the hot path (jest's expect costs too much over thousands of runs). */
function check(condition: boolean, what: string, detail?: unknown): void {
  if (!condition) throw new Error(`${what}: ${JSON.stringify(detail)}`)
}

function checkInputError(error: InputError): void {
  check(error.problems.length > 0, 'an InputError without problems')
  for (const problem of error.problems) {
    check(NAMES.includes(problem.input), 'a problem naming no input', problem)
    check(typeof problem.message === 'string' && problem.message.length > 0, 'a problem without a message', problem)
  }
  const lines = error.message.split('\n').filter((line) => line.startsWith('Input "'))
  check(lines.length === error.problems.length, 'the error message does not list every problem', error.message)
}

function checkConfig(config: Config, today: Day): void {
  check(isDay(config.from) && isDay(config.to), 'from or to is not a day', config)
  check(config.from <= config.to && config.to <= today, 'from <= to <= today does not hold', { config, today })
  check(config.from >= addDays(today, -RETENTION_DAYS), 'from is more than 90 days back', { config, today })
  check(/^[\x21-\x7e]+$/.test(config.apiKey), 'the API key cannot be sent', config.apiKey)
  if (config.subusers !== 'all') {
    check(new Set(config.subusers).size === config.subusers.length, 'a subuser is listed twice', config.subusers)
    for (const name of config.subusers)
      check(/^(?:account-id [\x21-\x7e]+|[\x21-\x7e]+)$/.test(name) && name !== '*', 'a subuser name is off', name)
  }
  check(config.parent || config.subusers === 'all' || config.subusers.length > 0, 'no account is checked', config)
  check(config.minScore >= 1 && config.minScore <= 5, 'min-score out of 1..5', config.minScore)
  for (const [metric, min] of Object.entries(config.minMetricScores))
    check((METRICS as readonly string[]).includes(metric) && min >= 1 && min <= 5, 'a metric threshold is off', { metric, min })
  check(['all', 'latest', 'average'].includes(config.evaluate), 'evaluate is off', config.evaluate)
  check(['warn', 'fail', 'ignore'].includes(config.missingScores), 'missing-scores is off', config.missingScores)
  check(['fail', 'warn'].includes(config.onError), 'on-error is off', config.onError)
  for (const ms of [config.waitTimeoutMs, config.pollIntervalMs, config.requestTimeoutMs])
    check(Number.isInteger(ms) && ms >= 0 && ms <= MAX_DURATION_MS, 'a duration is off', ms)
  check(/^https?:\/\/[^/]/.test(config.baseUrl) && !config.baseUrl.endsWith('/'), 'the base URL is off', config.baseUrl)
  for (const flag of [config.parent, config.failOnBreach, config.summary]) check(typeof flag === 'boolean', 'a flag is off', flag)
  const oneLine = (text: string): boolean => [...text].every((char) => char >= ' ' && !'\u007f\u2028\u2029'.includes(char))
  for (const path of [config.junitFile, config.metricsFile])
    check(path === undefined || (path !== '' && oneLine(path) && !/[/\\]$/.test(path)), 'a file path is off', path)
  check(config.junitFile === undefined || config.junitFile !== config.metricsFile, 'junit-file and metrics-file name the same file', config)
}

describe('parseConfig on arbitrary input text', () => {
  it('gives a valid Config or an InputError naming real inputs, and nothing else', () => {
    let valid = 0
    let invalid = 0
    fc.assert(
      fc.property(valuesArb(anyText), todayArb, (values, today) => {
        const result = outcome(values, today)
        if (result instanceof InputError) {
          invalid++
          checkInputError(result)
        } else {
          valid++
          checkConfig(result, today)
        }
      }),
      { numRuns: 6000 }
    )
    expect(valid + invalid).toBe(6000)
    // Both branches were exercised many times.
    expect(valid).toBeGreaterThan(500)
    expect(invalid).toBeGreaterThan(500)
  })

  it('blames a bad input on that input alone (or on from/to together) when the rest are defaults', () => {
    const culprits = new Set<InputName>()
    fc.assert(
      fc.property(fc.constantFrom(...NAMES), anyText, todayArb, (name, text, today) => {
        const result = outcome({ 'api-key': KEY, [name]: text }, today)
        if (!(result instanceof InputError)) return checkConfig(result, today)
        checkInputError(result)
        const allowed = name === 'from' || name === 'to' ? ['from', 'to'] : name === 'api-key' ? ['api-key'] : [name]
        for (const problem of result.problems) expect(allowed).toContain(problem.input)
        culprits.add(name)
      }),
      { numRuns: 3000 }
    )
    // Every input rejected some text, so the property was tested against each of them.
    expect([...culprits].sort()).toEqual([...NAMES].sort())
  })

  it('never puts the API key in a problem message', () => {
    let errors = 0
    const printable = fc.integer({ min: 0x21, max: 0x7e }).map((code) => String.fromCharCode(code))
    const keyArb = fc.string({ unit: printable, minLength: 16, maxLength: 40 }).map((tail) => `SG.${tail}`)
    const badKey = fc.tuple(keyArb, fc.constantFrom(' ', '\t', 'é', '\n'), keyArb).map(([a, gap, b]) => `${a}${gap}${b}`)
    fc.assert(
      fc.property(fc.oneof(keyArb, badKey), valuesArb(anyText), todayArb, (key, values, today) => {
        const result = outcome({ ...values, 'api-key': key }, today)
        if (!(result instanceof InputError)) return
        errors++
        for (const problem of result.problems) expect(problem.message).not.toContain(key.trim())
        expect(result.message).not.toContain(key.trim())
      }),
      { numRuns: 1500 }
    )
    expect(errors).toBeGreaterThan(700)
  })
})

describe('the checked range of any valid config', () => {
  const dayText = (today: Day): fc.Arbitrary<string> =>
    fc.oneof(
      fc.constantFrom('today', 'yesterday', 'TODAY', ' Yesterday '),
      fc.integer({ min: 0, max: 200 }).map((days) => `-${days}d`),
      fc.integer({ min: -200, max: 10 }).map((days) => addDays(today, days)),
      fc.constantFrom('', 'soon', '2025-02-29')
    )

  it('lies within today-90 <= from <= to <= today', () => {
    let valid = 0
    fc.assert(
      fc.property(
        todayArb.chain((today) => fc.tuple(fc.constant(today), dayText(today), dayText(today))),
        ([today, from, to]) => {
          const result = outcome({ 'api-key': KEY, from, to }, today)
          if (result instanceof InputError) {
            checkInputError(result)
            for (const problem of result.problems) expect(['from', 'to']).toContain(problem.input)
            return
          }
          valid++
          expect(result.from <= result.to).toBe(true)
          expect(result.to <= today).toBe(true)
          expect(result.from >= addDays(today, -RETENTION_DAYS)).toBe(true)
        }
      ),
      { numRuns: 3000 }
    )
    expect(valid).toBeGreaterThan(300)
  })
})
