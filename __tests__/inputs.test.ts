import { describe, it, expect } from '@jest/globals'
import { readFileSync } from 'node:fs'
import {
  INPUT_DEFAULTS,
  InputError,
  REGION_URLS,
  RETENTION_DAYS,
  parseConfig,
  parseDuration,
  type Config,
  type InputName,
  type InputProblem,
  type ReadInput
} from '../src/inputs.js'

const TODAY = '2025-06-30'
const KEY = 'SG.test-key.abc'
type Values = Partial<Record<InputName, string>>

function reader(values: Values): ReadInput {
  return (name) => values[name] ?? ''
}

function parse(values: Values = {}, today = TODAY): Config {
  return parseConfig(reader({ 'api-key': KEY, ...values }), today)
}

function inputErrorOf(values: Values, today = TODAY): InputError {
  try {
    parseConfig(reader({ 'api-key': KEY, ...values }), today)
  } catch (error) {
    if (error instanceof InputError) return error
    throw error
  }
  throw new Error(`expected an InputError for ${JSON.stringify(values)}`)
}

function problemsOf(values: Values, today = TODAY): InputProblem[] {
  return inputErrorOf(values, today).problems
}

/** The one problem reported for `values`. */
function onlyProblem(values: Values, today = TODAY): InputProblem {
  const problems = problemsOf(values, today)
  expect(problems).toHaveLength(1)
  return problems[0] as InputProblem
}

const DEFAULT_CONFIG: Config = {
  apiKey: KEY,
  parent: true,
  subusers: [],
  from: '2025-06-23',
  to: '2025-06-29',
  minScore: 3,
  minMetricScores: {},
  warnScore: undefined,
  warnMetricScores: {},
  evaluate: 'all',
  missingScores: 'warn',
  waitTimeoutMs: 600_000,
  pollIntervalMs: 15_000,
  requestTimeoutMs: 30_000,
  baseUrl: 'https://api.sendgrid.com',
  region: 'global',
  failOnBreach: true,
  onError: 'fail',
  summary: true,
  explain: true,
  maxDrop: undefined,
  warnDrop: undefined,
  accountThresholds: [],
  github: { token: '', checkRun: true, checkName: 'SendGrid engagement quality', prComment: false, trackingIssue: false },
  warnings: []
}

/** The `inputs:` block of action.yml: each input's `required` and `default`, read line by line. */
function actionInputs(): Map<string, { required?: string; default?: string }> {
  const inputs = new Map<string, { required?: string; default?: string }>()
  let inInputs = false
  let current: { required?: string; default?: string } | undefined
  const unquote = (value: string): string => {
    const text = value.trim()
    if (text.startsWith("'") && text.endsWith("'")) return text.slice(1, -1).replace(/''/g, "'")
    if (text.startsWith('"') && text.endsWith('"')) return JSON.parse(text) as string
    return text
  }
  for (const line of readFileSync(new URL('../action.yml', import.meta.url), 'utf8').split(/\r?\n/)) {
    if (/^\S/.test(line)) {
      inInputs = line.startsWith('inputs:')
      continue
    }
    if (!inInputs) continue
    const name = /^ {2}([\w-]+):\s*$/.exec(line)
    if (name) {
      current = {}
      inputs.set(name[1] as string, current)
      continue
    }
    const field = /^ {4}(required|default):(.*)$/.exec(line)
    if (field && current) current[field[1] as 'required' | 'default'] = unquote(field[2] as string)
  }
  return inputs
}

describe('defaults', () => {
  it('gives every default when no input is set', () => {
    expect(parse()).toEqual(DEFAULT_CONFIG)
  })

  it('treats white space only as not given', () => {
    const blank = Object.fromEntries(Object.keys(INPUT_DEFAULTS).map((name) => [name, ' \n\t ']))
    expect(parse({ ...blank, 'api-key': KEY })).toEqual(DEFAULT_CONFIG)
  })

  it('matches action.yml: the same inputs, with the same defaults', () => {
    const inputs = actionInputs()
    expect([...inputs.keys()].sort()).toEqual(Object.keys(INPUT_DEFAULTS).sort())
    for (const [name, declared] of inputs) {
      if (name === 'api-key') {
        expect(declared).toEqual({ required: 'true' })
        expect(INPUT_DEFAULTS['api-key']).toBe('')
      } else {
        expect({ name, ...declared }).toEqual({ name, required: 'false', default: INPUT_DEFAULTS[name as InputName] })
      }
    }
  })

  it('reads the action.yml inputs it expects (the reader is not vacuous)', () => {
    const inputs = actionInputs()
    expect(inputs.size).toBe(30)
    expect(inputs.get('from')).toEqual({ required: 'false', default: '-7d' })
    expect(inputs.get('subusers')).toEqual({ required: 'false', default: '' })
  })
})

describe('api-key', () => {
  it('is required', () => {
    const problem = onlyProblem({ 'api-key': '' })
    expect(problem.input).toBe('api-key')
    expect(problem.message).toBe('is required: pass a SendGrid API key, e.g. ${{ secrets.SENDGRID_API_KEY }}')
    expect(onlyProblem({ 'api-key': '  \n' }).input).toBe('api-key')
  })

  it('is trimmed and otherwise kept as given', () => {
    expect(parse({ 'api-key': '  SG.abc.def\n' }).apiKey).toBe('SG.abc.def')
    expect(parse({ 'api-key': 'SG.a$b*c(d)|e\\f' }).apiKey).toBe('SG.a$b*c(d)|e\\f')
  })

  it.each(['SG.a b', 'SG.a\tb', 'SG.a\nb', 'SG.é', 'SG.\u00a0x', 'SG.\u0000x', 'SG.😀'])(
    'rejects %j, which cannot go in an HTTP header',
    (key) => {
      expect(onlyProblem({ 'api-key': key })).toEqual({
        input: 'api-key',
        message: 'contains spaces or characters that cannot be sent in an HTTP header; check the secret'
      })
    }
  )

  const keys = [
    'SG.a$b*c(d)|e\\f',
    'SG.[x]+?{2}^.$',
    "SG.'`;rm -rf /`'",
    'SG.${HOME}&&echo',
    'SG.%s%d%n',
    'SG.a b$c*(d)|e\\f',
    'SG.\\u0041'
  ]
  it.each(keys)('never appears in a problem message, with key %j and every other input bad', (key) => {
    const error = inputErrorOf(
      {
        'api-key': key,
        subusers: 'a b',
        'include-parent': 'maybe',
        from: 'soon',
        to: 'later',
        'min-score': '9',
        'min-metric-scores': 'spam_rate=0',
        evaluate: 'x',
        'missing-scores': 'x',
        'wait-timeout': '5',
        'poll-interval': '5',
        'request-timeout': '5',
        'base-url': 'ftp://x',
        region: 'x',
        'fail-on-breach': 'x',
        'on-error': 'x',
        summary: 'x'
      },
      TODAY
    )
    expect(error.problems.length).toBeGreaterThanOrEqual(16)
    for (const problem of error.problems) expect(problem.message).not.toContain(key)
    expect(error.message).not.toContain(key)
    expect(error.message).not.toContain(key.slice(3))
  })
})

describe('subusers and include-parent', () => {
  it('checks only the key own account when empty', () => {
    expect(parse({ subusers: '' })).toMatchObject({ parent: true, subusers: [] })
    expect(parse({ 'include-parent': 'true' })).toMatchObject({ parent: true, subusers: [] })
  })

  it('lists names separated by commas or new lines, trimmed, without blanks or repeats', () => {
    expect(parse({ subusers: 'alice' })).toMatchObject({ parent: false, subusers: ['alice'] })
    expect(parse({ subusers: 'alice, bob\ncarol\r\n,dave' }).subusers).toEqual(['alice', 'bob', 'carol', 'dave'])
    expect(parse({ subusers: 'alice,,alice, \n bob ,alice' }).subusers).toEqual(['alice', 'bob'])
    expect(parse({ subusers: 'first.last+tag@example.com' }).subusers).toEqual(['first.last+tag@example.com'])
  })

  it('adds the parent when include-parent is true', () => {
    expect(parse({ subusers: 'alice', 'include-parent': 'true' })).toMatchObject({ parent: true, subusers: ['alice'] })
    expect(parse({ subusers: 'alice', 'include-parent': 'FALSE' })).toMatchObject({ parent: false })
  })

  it('reads * alone (even repeated) as every subuser', () => {
    expect(parse({ subusers: '*' })).toMatchObject({ parent: false, subusers: 'all' })
    expect(parse({ subusers: ' * , *\n*' }).subusers).toBe('all')
    expect(parse({ subusers: '*', 'include-parent': 'true' })).toMatchObject({ parent: true, subusers: 'all' })
  })

  it.each(['*, alice', 'alice\n*', 'account-id 1,*'])('rejects * mixed with names: %j', (subusers) => {
    expect(onlyProblem({ subusers })).toEqual({
      input: 'subusers',
      message: '"*" (every subuser) cannot be combined with names; use "*" alone or list names'
    })
  })

  it('normalises account-id entries', () => {
    expect(parse({ subusers: 'account-id 123' }).subusers).toEqual(['account-id 123'])
    expect(parse({ subusers: 'ACCOUNT-ID   123' }).subusers).toEqual(['account-id 123'])
    expect(parse({ subusers: 'Account-Id\t42, account-id 42' }).subusers).toEqual(['account-id 42'])
    expect(parse({ subusers: 'alice, account-id abc-9' }).subusers).toEqual(['alice', 'account-id abc-9'])
  })

  it.each([
    ['al ice', 'al ice'],
    ['alice, b\tob', 'b\tob'],
    ['account-id 1 2', 'account-id 1 2'],
    ['alicé', 'alicé'],
    ['a\u00a0b', 'a\u00a0b']
  ])('rejects %j, naming the entry and what is accepted', (subusers, entry) => {
    expect(onlyProblem({ subusers })).toEqual({
      input: 'subusers',
      message:
        `"${entry}" is not a subuser username or "account-id <id>"; ` +
        'usernames are printable ASCII without spaces, separated by commas or new lines'
    })
  })
})

describe('booleans', () => {
  it.each(['include-parent', 'fail-on-breach', 'summary', 'explain'] as const)('%s accepts true and false in any case', (name) => {
    const key = { 'include-parent': 'parent', 'fail-on-breach': 'failOnBreach', summary: 'summary', explain: 'explain' }[name]
    const subusers = name === 'include-parent' ? 'alice' : ''
    expect(parse({ subusers, [name]: 'true' })[key as keyof Config]).toBe(true)
    expect(parse({ subusers, [name]: 'TRUE' })[key as keyof Config]).toBe(true)
    expect(parse({ subusers, [name]: 'False' })[key as keyof Config]).toBe(false)
    expect(parse({ subusers, [name]: ' false ' })[key as keyof Config]).toBe(false)
  })

  it.each(['include-parent', 'fail-on-breach', 'summary', 'explain'] as const)('%s rejects yes, 1 and on', (name) => {
    for (const text of ['yes', '1', 'on', 'truee']) {
      expect(onlyProblem({ [name]: text })).toEqual({ input: name, message: `"${text}" is not a boolean; use true or false` })
    }
  })
})

describe('from and to', () => {
  it('accept YYYY-MM-DD, today, yesterday and -Nd in any case', () => {
    expect(parse({ from: '2025-06-01', to: '2025-06-10' })).toMatchObject({ from: '2025-06-01', to: '2025-06-10' })
    expect(parse({ from: 'YESTERDAY', to: 'Today' })).toMatchObject({ from: '2025-06-29', to: '2025-06-30' })
    expect(parse({ from: '-30D', to: '-1d' })).toMatchObject({ from: '2025-05-31', to: '2025-06-29' })
    expect(parse({ from: 'today', to: 'today' })).toMatchObject({ from: '2025-06-30', to: '2025-06-30' })
  })

  it('resolve against the given today, across a leap day', () => {
    expect(parse({}, '2024-03-01')).toMatchObject({ from: '2024-02-23', to: '2024-02-29' })
  })

  it.each(['from', 'to'] as const)('%s rejects what is not a date, saying what is accepted', (name) => {
    for (const text of ['2025-02-29', '2025-06-31', 'tomorrow', '7d', '-7', '06/01/2025']) {
      expect(onlyProblem({ [name]: text })).toEqual({
        input: name,
        message: `"${text}" is not a date; use YYYY-MM-DD, today, yesterday or -Nd (N days before today, UTC)`
      })
    }
  })

  it('rejects a from after to', () => {
    expect(onlyProblem({ from: 'yesterday', to: '-2d' })).toEqual({
      input: 'from',
      message: '2025-06-29 comes after "to" (2025-06-28)'
    })
  })

  it('rejects a to in the future', () => {
    expect(onlyProblem({ from: '2025-06-30', to: '2025-07-01' })).toEqual({
      input: 'to',
      message: '2025-07-01 is in the future; the latest day with a score is 2025-06-30 (UTC)'
    })
  })

  it(`accepts from exactly ${RETENTION_DAYS} days back and rejects one more`, () => {
    expect(RETENTION_DAYS).toBe(90)
    expect(parse({ from: '-90d' }).from).toBe('2025-04-01')
    expect(parse({ from: '2025-04-01' }).from).toBe('2025-04-01')
    const message = '2025-03-31 is more than 90 days ago; SendGrid keeps scores back to 2025-04-01'
    expect(onlyProblem({ from: '-91d' })).toEqual({ input: 'from', message })
    expect(onlyProblem({ from: '2025-03-31' })).toEqual({ input: 'from', message })
  })

  it('reports a future to alone, and a from both too old and after to twice', () => {
    expect(problemsOf({ from: '2030-01-01', to: '2031-01-01' })).toEqual([
      { input: 'to', message: '2031-01-01 is in the future; the latest day with a score is 2025-06-30 (UTC)' }
    ])
    expect(problemsOf({ from: '2025-01-02', to: '2025-01-01' })).toEqual([
      { input: 'from', message: '2025-01-02 is more than 90 days ago; SendGrid keeps scores back to 2025-04-01' },
      { input: 'from', message: '2025-01-02 comes after "to" (2025-01-01)' }
    ])
  })
})

describe('min-score', () => {
  it.each([
    ['1', 1],
    ['5', 5],
    ['3', 3],
    ['3.5', 3.5],
    ['2.75', 2.75],
    ['05', 5],
    [' 4 ', 4]
  ])('accepts %j as %d', (text, score) => {
    expect(parse({ 'min-score': text }).minScore).toBe(score)
  })

  it.each(['0', '0.99', '5.01', '6', '-1', '+3', '1e0', '.5', '3.', 'three', 'NaN', 'Infinity', '3,5', '0x3'])(
    'rejects %j',
    (text) => {
      expect(onlyProblem({ 'min-score': text })).toEqual({
        input: 'min-score',
        message: `"${text}" is not a score; use a number from 1 to 5`
      })
    }
  )
})

describe('min-metric-scores', () => {
  it('accepts metric=score pairs separated by commas or new lines', () => {
    expect(parse({ 'min-metric-scores': 'spam_rate=4, bounce_rate=3' }).minMetricScores).toEqual({ spam_rate: 4, bounce_rate: 3 })
    expect(parse({ 'min-metric-scores': ' spam_rate = 4.5 \n open_rate=1\n' }).minMetricScores).toEqual({ spam_rate: 4.5, open_rate: 1 })
    expect(
      parse({
        'min-metric-scores': 'engagement_recency=1,open_rate=2,bounce_classification=3,bounce_rate=4,spam_rate=5'
      }).minMetricScores
    ).toEqual({ engagement_recency: 1, open_rate: 2, bounce_classification: 3, bounce_rate: 4, spam_rate: 5 })
  })

  it.each(['spam', 'score', 'spamrate', '__proto__', 'toString'])('rejects the unknown metric %j', (name) => {
    expect(onlyProblem({ 'min-metric-scores': `${name}=4` })).toEqual({
      input: 'min-metric-scores',
      message: `"${name}" is not a metric; use engagement_recency, open_rate, bounce_classification, bounce_rate, spam_rate`
    })
  })

  it('rejects a metric given twice', () => {
    expect(onlyProblem({ 'min-metric-scores': 'spam_rate=4, open_rate=2\nspam_rate=4' })).toEqual({
      input: 'min-metric-scores',
      message: 'spam_rate is given twice'
    })
  })

  it.each([
    ['spam_rate=6', '6'],
    ['spam_rate=0', '0'],
    ['spam_rate=', ''],
    ['spam_rate=high', 'high'],
    ['spam_rate=-2', '-2']
  ])('rejects the bad value in %j', (text, value) => {
    expect(onlyProblem({ 'min-metric-scores': text })).toEqual({
      input: 'min-metric-scores',
      message: `spam_rate: "${value}" is not a score; use a number from 1 to 5`
    })
  })

  it.each(['spam_rate', 'spam_rate 4', 'spam_rate=4=5', 'spam_rate:4'])('rejects %j, which is not metric=score', (text) => {
    expect(onlyProblem({ 'min-metric-scores': text })).toEqual({
      input: 'min-metric-scores',
      message: `"${text}" is not metric=score; e.g. spam_rate=4, bounce_rate=3`
    })
  })
})

describe('choices', () => {
  it.each([
    ['evaluate', 'evaluate', ['all', 'latest', 'average']],
    ['missing-scores', 'missingScores', ['warn', 'fail', 'ignore']],
    ['on-error', 'onError', ['fail', 'warn']]
  ] as const)('%s accepts %s in any case', (name, key, accepted) => {
    for (const value of accepted) {
      expect(parse({ [name]: value })[key]).toBe(value)
      expect(parse({ [name]: value.toUpperCase() })[key]).toBe(value)
    }
  })

  it.each([
    ['evaluate', 'mean', 'all, latest, average'],
    ['missing-scores', 'error', 'warn, fail, ignore'],
    ['on-error', 'ignore', 'fail, warn'],
    ['region', 'us', 'global, eu']
  ] as const)('%s rejects %j, listing what is accepted', (name, text, accepted) => {
    expect(onlyProblem({ [name]: text })).toEqual({ input: name, message: `"${text}" is not accepted; use ${accepted}` })
  })
})

describe('durations', () => {
  it.each([
    ['500ms', 500],
    ['1ms', 1],
    ['90s', 90_000],
    ['1.5s', 1500],
    ['10m', 600_000],
    ['1h', 3_600_000],
    ['1m30s', 90_000],
    ['1h 30m', 5_400_000],
    ['2M', 120_000],
    ['1s500ms', 1500],
    ['6h', 21_600_000]
  ])('parseDuration(%j) is %d', (text, ms) => {
    expect(parseDuration(text)).toBe(ms)
  })

  it.each(['wait-timeout', 'poll-interval', 'request-timeout'] as const)('%s reads a duration', (name) => {
    const key = { 'wait-timeout': 'waitTimeoutMs', 'poll-interval': 'pollIntervalMs', 'request-timeout': 'requestTimeoutMs' }[name]
    expect(parse({ [name]: '1m30s' })[key as keyof Config]).toBe(90_000)
    expect(parse({ [name]: ' 500MS ' })[key as keyof Config]).toBe(500)
  })

  it.each(['90', '0', '0s', '0.4ms', '10 minutes', '-5s', '1d', 's', '1.s', 'm1', '5s!', '1h-30m', '1,5s'])(
    'rejects %j in every duration input',
    (text) => {
      for (const name of ['wait-timeout', 'poll-interval', 'request-timeout'] as const) {
        expect(onlyProblem({ [name]: text })).toEqual({
          input: name,
          message: `"${text}" is not a duration; use a number with a unit, e.g. 500ms, 90s, 10m, 1h or 1m30s`
        })
      }
    }
  )

  it.each(['6h1s', '7h', '361m', '21600001ms'])('rejects %j, longer than 6h', (text) => {
    expect(onlyProblem({ 'wait-timeout': text })).toEqual({
      input: 'wait-timeout',
      message: `"${text}" is longer than 6h, GitHub's limit for a job`
    })
  })
})

describe('max-drop', () => {
  it('is off when empty', () => {
    expect(parse({ 'max-drop': '' }).maxDrop).toBeUndefined()
  })

  it.each([
    ['1', 1],
    ['0.5', 0.5],
    ['4', 4],
    [' 2.25 ', 2.25]
  ])('accepts %j as %d', (text, drop) => {
    expect(parse({ 'max-drop': text }).maxDrop).toBe(drop)
  })

  it.each(['0', '0.0', '4.01', '5', '-1', 'one', '1e0', '.5', '1,5'])('rejects %j', (text) => {
    expect(onlyProblem({ 'max-drop': text })).toEqual({
      input: 'max-drop',
      message: `"${text}" is not a drop; use a number above 0 and at most 4, e.g. 1, or leave it empty`
    })
  })
})

describe('GitHub inputs', () => {
  it('reads an unreplaced ${{ }} token (a run outside Actions) as no token', () => {
    expect(parse({ 'github-token': '${{ github.token }}' }).github.token).toBe('')
    expect(parse({ 'github-token': '${{ secrets.GH_TOKEN }}' }).github.token).toBe('')
  })

  it('keeps a real token, trimmed', () => {
    expect(parse({ 'github-token': ' ghs_abc123\n' }).github.token).toBe('ghs_abc123')
  })

  it.each(['ghs_a b', 'ghs_\té', 'ghs_😀'])('rejects the token %j without repeating it', (token) => {
    const problem = onlyProblem({ 'github-token': token })
    expect(problem).toEqual({
      input: 'github-token',
      message: 'contains spaces or characters that cannot be sent in an HTTP header; check the token'
    })
  })

  it('reads check-run and pr-comment as booleans', () => {
    expect(parse({ 'check-run': 'FALSE', 'pr-comment': 'True' }).github).toMatchObject({ checkRun: false, prComment: true })
    expect(problemsOf({ 'check-run': 'yes', 'pr-comment': 'no' })).toEqual([
      { input: 'check-run', message: '"yes" is not a boolean; use true or false' },
      { input: 'pr-comment', message: '"no" is not a boolean; use true or false' }
    ])
  })

  it('accepts one line of up to 100 characters as check-name', () => {
    expect(parse({ 'check-name': 'SEQ (eu) – nightly ✅' }).github.checkName).toBe('SEQ (eu) – nightly ✅')
    expect(parse({ 'check-name': 'x'.repeat(100) }).github.checkName).toBe('x'.repeat(100))
    expect(onlyProblem({ 'check-name': 'x'.repeat(101) })).toEqual({
      input: 'check-name',
      message: 'is 101 characters long; use at most 100'
    })
  })

  it.each(['a\nb', 'a\tb', 'a\u0000b', 'a\u2028b', 'a\u007fb'])('rejects the check-name %j', (name) => {
    expect(onlyProblem({ 'check-name': name })).toEqual({
      input: 'check-name',
      message: 'contains a line break or control character; use one line of text'
    })
  })
})

describe('junit-file and metrics-file', () => {
  it('are off when empty, and otherwise a path kept as given, trimmed', () => {
    expect(parse()).toMatchObject({ junitFile: undefined, metricsFile: undefined })
    expect(parse({ 'junit-file': ' reports/seq gate.xml ', 'metrics-file': '/var/lib/node_exporter/seq.prom' })).toMatchObject({
      junitFile: 'reports/seq gate.xml',
      metricsFile: '/var/lib/node_exporter/seq.prom'
    })
  })

  it.each(['a\nb.xml', 'a\tb.xml', 'a\u0000b.xml'])('rejects the path %j, which is not one line', (path) => {
    expect(onlyProblem({ 'junit-file': path })).toEqual({ input: 'junit-file', message: 'contains a line break or control character; use a path on one line' })
  })

  it.each(['reports/', 'reports\\'])('rejects %j, a folder', (path) => {
    expect(onlyProblem({ 'metrics-file': path })).toEqual({ input: 'metrics-file', message: `"${path}" names a folder; end it with a file name, e.g. seq-gate.xml` })
  })

  it('rejects one file for both', () => {
    expect(onlyProblem({ 'junit-file': 'seq.out', 'metrics-file': ' seq.out' })).toEqual({ input: 'metrics-file', message: 'names the same file as junit-file; give each its own' })
  })
})

describe('region and base-url', () => {
  it('maps the region to its API URL', () => {
    expect(REGION_URLS).toEqual({ global: 'https://api.sendgrid.com', eu: 'https://api.eu.sendgrid.com' })
    expect(parse({ region: 'global' }).baseUrl).toBe('https://api.sendgrid.com')
    expect(parse({ region: 'EU' }).baseUrl).toBe('https://api.eu.sendgrid.com')
  })

  it('lets base-url override the region, without trailing slashes', () => {
    expect(parse({ 'base-url': 'https://gw.example.com/sendgrid/', region: 'eu' }).baseUrl).toBe('https://gw.example.com/sendgrid')
    expect(parse({ 'base-url': 'http://127.0.0.1:8080' }).baseUrl).toBe('http://127.0.0.1:8080')
    expect(parse({ 'base-url': 'HTTPS://Example.COM//' }).baseUrl).toBe('https://example.com')
  })

  it.each([
    'ftp://example.com',
    'example.com',
    'not a url',
    'https://example.com/?a=1',
    'https://example.com/?',
    'https://example.com/#frag',
    'https://example.com/#',
    'file:///etc/passwd',
    'javascript:alert(1)'
  ])('rejects the base-url %j', (text) => {
    expect(onlyProblem({ 'base-url': text })).toEqual({
      input: 'base-url',
      message: `"${text}" is not a base URL; use http(s)://host[:port][/path] without credentials or query`
    })
  })

  it.each([
    ['https://user:secret@example.com', 'https://***@example.com'],
    ['https://user@example.com/v3', 'https://***@example.com/v3']
  ])('rejects the base-url %j without quoting its credentials', (text, shown) => {
    expect(onlyProblem({ 'base-url': text })).toEqual({
      input: 'base-url',
      message: `"${shown}" is not a base URL; use http(s)://host[:port][/path] without credentials or query`
    })
  })

  it('rejects any other input that holds the API key, without quoting it', () => {
    const key = 'SG.abcdefgh.ijklmnop'
    const problems = problemsOf({ 'api-key': key, subusers: `marketing, ${key}`, 'check-name': `gate ${key}` })
    expect(problems).toEqual([
      { input: 'subusers', message: 'contains the API key; the key belongs in api-key alone' },
      { input: 'check-name', message: 'contains the API key; the key belongs in api-key alone' }
    ])
  })

  it('still checks region when base-url overrides it', () => {
    expect(problemsOf({ 'base-url': 'https://gw.example.com', region: 'mars' }).map((problem) => problem.input)).toEqual(['region'])
  })

  it('reports a bad base-url and a bad region together', () => {
    expect(problemsOf({ 'base-url': 'ftp://x', region: 'mars' }).map((problem) => problem.input)).toEqual(['base-url', 'region'])
  })
})

describe('several bad inputs', () => {
  it('are all reported at once, in the order of the inputs, each naming its input', () => {
    const error = inputErrorOf({
      subusers: 'a b',
      from: 'soon',
      'min-score': '9',
      evaluate: 'x',
      'poll-interval': '5',
      region: 'mars',
      summary: 'nope'
    })
    expect(error).toBeInstanceOf(Error)
    expect(error.name).toBe('InputError')
    expect(error.problems.map((problem) => problem.input)).toEqual([
      'subusers',
      'from',
      'min-score',
      'evaluate',
      'poll-interval',
      'region',
      'summary'
    ])
    expect(error.message.split('\n')).toEqual(error.problems.map(({ input, message }) => `Input "${input}": ${message}`))
    expect(error.message.split('\n')[2]).toBe('Input "min-score": "9" is not a score; use a number from 1 to 5')
  })
})
