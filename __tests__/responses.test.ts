import { describe, it, expect } from '@jest/globals'
import { OffSchemaError, parseAccountScores, parseSubuserPage } from '../src/sendgrid/responses.js'
import type { Metrics } from '../src/records/score-record.js'

// The examples of /work/shared/reference/sendgrid-seq-openapi.json, as SendGrid documents them.
const SPEC_METRICS = { engagement_recency: 4, open_rate: 1, bounce_classification: 2, bounce_rate: 4, spam_rate: 4 }
const SPEC_SCORES_200 = {
  result: [{ score: 2, username: 'jdoe123', date: '2006-01-02', user_id: '180', metrics: SPEC_METRICS }]
}
const SPEC_SCORES_200_PARTIAL = {
  result: [
    { score: 2, username: 'jdoe123', date: '2006-01-02', user_id: '180', metrics: SPEC_METRICS },
    { date: '2006-01-03', user_id: '180' }
  ]
}
const SPEC_SUBUSERS_PAGE = {
  result: [
    { score: 2, username: 'jdoe123', date: '2021-12-31', user_id: '180', metrics: SPEC_METRICS },
    { date: '2021-12-31', user_id: '181' }
  ],
  _metadata: { next_params: { after_key: '180' } }
}

const FROM = '2025-06-01'
const TO = '2025-06-03'

function metrics(overrides: Partial<Record<keyof Metrics, unknown>> = {}): Record<string, unknown> {
  return { engagement_recency: 5, open_rate: 4, bounce_classification: 3, bounce_rate: 5, spam_rate: 4, ...overrides }
}

function entry(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { user_id: '42', username: 'alice', date: FROM, score: 4, metrics: metrics(), ...overrides }
}

function body(...entries: unknown[]): { result: unknown[] } {
  return { result: entries }
}

/** The message of the OffSchemaError `parse` throws. */
function offSchema(parse: () => unknown): string {
  try {
    parse()
  } catch (error) {
    expect(error).toBeInstanceOf(OffSchemaError)
    expect((error as Error).name).toBe('OffSchemaError')
    const { message } = error as Error
    expect(message.startsWith('SendGrid sent data outside its schema: ')).toBe(true)
    return message.slice('SendGrid sent data outside its schema: '.length)
  }
  throw new Error('expected an OffSchemaError')
}

const accountScores = (entries: unknown[], account: string | undefined = 'alice'): string =>
  offSchema(() => parseAccountScores(body(...entries), FROM, TO, account))
const subuserPage = (entries: unknown[], date = FROM): string => offSchema(() => parseSubuserPage(body(...entries), date))

describe('parseAccountScores on the spec examples', () => {
  it('reads the 200 example, named by its username for the key own account', () => {
    expect(parseAccountScores(SPEC_SCORES_200, '2006-01-02', '2006-01-02', undefined)).toEqual([
      { account: 'jdoe123', user_id: '180', date: '2006-01-02', score: 2, metrics: SPEC_METRICS }
    ])
  })

  it('names the records after the account asked for on its behalf', () => {
    expect(parseAccountScores(SPEC_SCORES_200, '2006-01-01', '2006-01-02', 'account-id 9')).toEqual([
      { account: 'account-id 9', user_id: '180', date: '2006-01-02', score: 2, metrics: SPEC_METRICS }
    ])
  })

  it('reads the partial-results example: a day without score or metrics', () => {
    const records = parseAccountScores(SPEC_SCORES_200_PARTIAL, '2006-01-02', '2006-01-03', 'jdoe123')
    expect(records).toEqual([
      { account: 'jdoe123', user_id: '180', date: '2006-01-02', score: 2, metrics: SPEC_METRICS },
      { account: 'jdoe123', user_id: '180', date: '2006-01-03' }
    ])
    expect('score' in (records[1] as object)).toBe(false)
    expect('metrics' in (records[1] as object)).toBe(false)
  })

  it('names every day of the key own account after the one username given, as in the partial-results example', () => {
    const records = parseAccountScores(SPEC_SCORES_200_PARTIAL, '2006-01-02', '2006-01-03', undefined)
    expect(records.map((record) => record.account)).toEqual(['jdoe123', 'jdoe123'])
  })
})

describe('parseAccountScores', () => {
  it('reads scores on the range ends, fractional scores and a numeric user_id', () => {
    const records = parseAccountScores(
      body(entry({ date: FROM, score: 1 }), entry({ date: TO, score: 5, user_id: 42, metrics: metrics({ open_rate: 2.5 }) })),
      FROM,
      TO,
      'alice'
    )
    expect(records).toEqual([
      { account: 'alice', user_id: '42', date: FROM, score: 1, metrics: metrics() },
      { account: 'alice', user_id: '42', date: TO, score: 5, metrics: metrics({ open_rate: 2.5 }) }
    ])
  })

  it('names the key own account by user_id when the username is absent or empty', () => {
    expect(parseAccountScores(body(entry({ username: undefined })), FROM, TO, undefined)[0]?.account).toBe('user_id 42')
    expect(parseAccountScores(body(entry({ username: '' })), FROM, TO, undefined)[0]?.account).toBe('user_id 42')
  })

  it.each([null, 'text', 42, [], { result: {} }, { result: 'x' }])('rejects the body %j: no result array', (value) => {
    expect(offSchema(() => parseAccountScores(value, FROM, TO, 'alice'))).toBe('the body has no "result" array')
  })

  it.each([
    [0, '0'],
    [6, '6'],
    [0.99, '0.99'],
    [5.01, '5.01'],
    [-1, '-1'],
    ['3', '"3"'],
    [true, 'true'],
    [{}, '{}']
  ])('rejects the score %j', (score, shown) => {
    expect(accountScores([entry({ date: FROM }), entry({ date: TO, score })])).toBe(
      `result[1].score is ${shown}, expected a number from 1 to 5`
    )
  })

  it.each(['engagement_recency', 'open_rate', 'bounce_classification', 'bounce_rate', 'spam_rate'] as const)(
    'rejects metrics missing %s',
    (metric) => {
      expect(accountScores([entry({ metrics: metrics({ [metric]: undefined }) })])).toBe(
        `result[0].metrics.${metric} is missing, expected a number from 1 to 5`
      )
    }
  )

  it('rejects off-schema metric values and metrics that are not an object', () => {
    expect(accountScores([entry({ metrics: metrics({ spam_rate: 0 }) })])).toBe(
      'result[0].metrics.spam_rate is 0, expected a number from 1 to 5'
    )
    expect(accountScores([entry({ metrics: metrics({ open_rate: '4' }) })])).toBe(
      'result[0].metrics.open_rate is "4", expected a number from 1 to 5'
    )
    expect(accountScores([entry({ metrics: 4 })])).toBe('result[0].metrics is 4, expected an object')
  })

  it.each([
    ['2025-13-01', '"2025-13-01"'],
    ['2025-02-29', '"2025-02-29"'],
    ['2025-06-01T00:00:00Z', '"2025-06-01T00:00:00Z"'],
    ['06/01/2025', '"06/01/2025"'],
    [20250601, '20250601']
  ])('rejects the date %j', (date, shown) => {
    expect(accountScores([entry({ date })])).toBe(`result[0].date is ${shown}, expected YYYY-MM-DD`)
  })

  it.each([
    [{ user_id: undefined }],
    [{ user_id: '' }],
    [{ user_id: null }],
    [{ user_id: true }],
    [{ user_id: {} }]
  ])('rejects an entry whose user_id is off: %j', (overrides) => {
    expect(accountScores([entry(overrides)])).toBe('result[0].user_id is missing')
  })

  it.each([
    [null, 'null'],
    ['x', '"x"'],
    [3, '3']
  ])('rejects the entry %j', (value, shown) => {
    expect(accountScores([entry(), value])).toBe(`result[1] is ${shown}, expected an object`)
  })
})

describe('parseSubuserPage', () => {
  it('reads the spec example page, naming a subuser without username by user_id', () => {
    expect(parseSubuserPage(SPEC_SUBUSERS_PAGE, '2021-12-31')).toEqual({
      records: [
        { account: 'jdoe123', user_id: '180', date: '2021-12-31', score: 2, metrics: SPEC_METRICS },
        { account: 'user_id 181', user_id: '181', date: '2021-12-31' }
      ],
      afterKey: '180'
    })
  })

  it('accepts an empty page', () => {
    expect(parseSubuserPage({ result: [] }, FROM)).toEqual({ records: [], afterKey: undefined })
  })

  it.each([
    ['absent', {}],
    ['absent next_params', { _metadata: {} }],
    ['a next_params without after_key', { _metadata: { next_params: {} } }],
    ['null', { _metadata: { next_params: { after_key: null } } }],
    ['""', { _metadata: { next_params: { after_key: '' } } }],
    ['a non-object _metadata', { _metadata: 'x' }]
  ])('has no next page when after_key is %s', (_, extra) => {
    expect(parseSubuserPage({ result: [entry()], ...extra }, FROM).afterKey).toBeUndefined()
  })

  it('reads a string or numeric after_key as a string', () => {
    expect(parseSubuserPage({ result: [entry()], _metadata: { next_params: { after_key: 'abc' } } }, FROM).afterKey).toBe('abc')
    expect(parseSubuserPage({ result: [entry()], _metadata: { next_params: { after_key: 180 } } }, FROM).afterKey).toBe('180')
  })

  it.each([
    [true, 'true'],
    [{}, '{}'],
    [['a'], '["a"]']
  ])('rejects the after_key %j', (key, shown) => {
    expect(offSchema(() => parseSubuserPage({ result: [entry()], _metadata: { next_params: { after_key: key } } }, FROM))).toBe(
      `_metadata.next_params.after_key is ${shown}, expected a string`
    )
  })

  it('rejects a body without a result array', () => {
    expect(offSchema(() => parseSubuserPage({ _metadata: {} }, FROM))).toBe('the body has no "result" array')
  })

  it('rejects off-schema entries like parseAccountScores does', () => {
    expect(subuserPage([entry({ score: 6 })])).toBe('result[0].score is 6, expected a number from 1 to 5')
    expect(subuserPage([entry({ metrics: metrics({ bounce_rate: undefined }) })])).toBe(
      'result[0].metrics.bounce_rate is missing, expected a number from 1 to 5'
    )
    expect(subuserPage([entry({ user_id: undefined })])).toBe('result[0].user_id is missing')
    expect(subuserPage([entry({ date: 'yesterday' })])).toBe('result[0].date is "yesterday", expected YYYY-MM-DD')
  })
})
