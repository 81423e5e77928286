import { describe, it, expect } from '@jest/globals'
import { evaluate, rangeOf, type Evaluation, type EvaluationConfig, type Row } from '../src/gate/evaluate.js'
import type { Collection, Failure } from '../src/records/collection.js'
import { RecordStore } from '../src/records/record-store.js'
import type { ScoreRecord } from '../src/records/score-record.js'
import { failure, metrics, rec } from './support/records.js'

const D1 = '2025-06-01'
const D2 = '2025-06-02'
const D3 = '2025-06-03'

function config(overrides: Partial<EvaluationConfig> = {}): EvaluationConfig {
  return {
    subusers: ['alice'],
    from: D1,
    to: D3,
    minScore: 3,
    minMetricScores: {},
    evaluate: 'all',
    missingScores: 'warn',
    ...overrides
  }
}

/** One record per day from D1, each with the given score (undefined: not scored that day). */
function days(account: string, ...scores: (number | undefined)[]): ScoreRecord[] {
  return scores.map((score, index) => rec(account, [D1, D2, D3][index] as string, score))
}

function collection(records: ScoreRecord[], failures: Failure[] = []): Collection {
  return { records: RecordStore.of(records), failures }
}

/** The rows, read (they are made as they are read). */
function rows(result: Evaluation): Row[] {
  return [...result.rows]
}

/** Rows as `account date score` strings, `!` for missing, with the breached subjects. */
function summary(rows: Row[]): string[] {
  return rows.map((row) =>
    [row.account, row.date, row.score ?? '!', ...row.breaches.map((breach) => breach.metric)].join(' ')
  )
}

describe('evaluate all', () => {
  it('gives one row per account per day, in date order, whatever order the records came in', () => {
    const result = evaluate(collection([rec('alice', D3, 5), rec('alice', D1, 4), rec('alice', D2, 3)]), config())
    expect(rows(result)).toEqual([
      { account: 'alice', date: D1, score: 4, metrics: undefined, breaches: [], warnings: [], missing: false },
      { account: 'alice', date: D2, score: 3, metrics: undefined, breaches: [], warnings: [], missing: false },
      { account: 'alice', date: D3, score: 5, metrics: undefined, breaches: [], warnings: [], missing: false }
    ])
    expect(result.result).toBe('passed')
    expect([...result.breaches]).toEqual([])
    expect([...result.missing]).toEqual([])
    expect(result.lowestScore).toBe(3)
  })

  it('breaches a score below min-score, not one equal to it', () => {
    const result = evaluate(collection(days('alice', 2, 3, 2.99)), config())
    expect([...result.breaches]).toEqual([
      { account: 'alice', date: D1, metric: 'score', value: 2, threshold: 3 },
      { account: 'alice', date: D3, metric: 'score', value: 2.99, threshold: 3 }
    ])
    expect(rows(result).map((row) => row.breaches.length)).toEqual([1, 0, 1])
    expect(result.result).toBe('failed')
    expect(result.lowestScore).toBe(2)
  })

  it('breaches only the metrics that have a threshold', () => {
    const records = [rec('alice', D1, 4, { spam_rate: 3, open_rate: 1 }), rec('alice', D2, 4, { spam_rate: 4 }), rec('alice', D3, 4)]
    const result = evaluate(collection(records), config({ minMetricScores: { spam_rate: 4, bounce_rate: 2 } }))
    expect([...result.breaches]).toEqual([{ account: 'alice', date: D1, metric: 'spam_rate', value: 3, threshold: 4 }])
    expect(rows(result)[0]?.metrics).toEqual(metrics({ spam_rate: 3, open_rate: 1 }))
    expect(result.result).toBe('failed')
  })

  it('reports the score breach before metric breaches, metrics in SendGrid order', () => {
    const records = [rec('alice', D1, 1, { spam_rate: 1, engagement_recency: 1 })]
    const result = evaluate(collection(records), config({ from: D1, to: D1, minMetricScores: { spam_rate: 2, engagement_recency: 2 } }))
    expect([...result.breaches].map((breach) => breach.metric)).toEqual(['score', 'engagement_recency', 'spam_rate'])
  })

  it('lists days without a record or without a score as missing', () => {
    const result = evaluate(collection([rec('alice', D1, 4), rec('alice', D3)]), config())
    expect(summary(rows(result))).toEqual(['alice 2025-06-01 4', 'alice 2025-06-02 !', 'alice 2025-06-03 !'])
    expect(rows(result).map((row) => row.missing)).toEqual([false, true, true])
    expect([...result.missing]).toEqual([
      { account: 'alice', date: D2 },
      { account: 'alice', date: D3 }
    ])
    expect(result.result).toBe('passed')
  })

  it('lists every day of a named account without records as missing', () => {
    const result = evaluate(collection([]), config({ subusers: ['alice', 'bob'] }))
    expect([...result.missing]).toEqual([
      { account: 'alice', date: D1 },
      { account: 'alice', date: D2 },
      { account: 'alice', date: D3 },
      { account: 'bob', date: D1 },
      { account: 'bob', date: D2 },
      { account: 'bob', date: D3 }
    ])
    expect(result.lowestScore).toBeUndefined()
  })
})

describe('evaluate latest', () => {
  it('judges each account on its most recent scored day', () => {
    const records = [...days('alice', 4, 2, undefined), ...days('bob', 2, 2, 5)]
    const result = evaluate(collection(records), config({ subusers: ['alice', 'bob'], evaluate: 'latest' }))
    expect(summary(rows(result))).toEqual(['alice 2025-06-02 2 score', 'bob 2025-06-03 5'])
    expect([...result.breaches]).toEqual([{ account: 'alice', date: D2, metric: 'score', value: 2, threshold: 3 }])
    expect(result.lowestScore).toBe(2)
    expect([...result.missing]).toEqual([])
  })

  it('lists an account without any score in the range as missing, without a date', () => {
    const records = [...days('alice', undefined, undefined), ...days('bob', 4)]
    const result = evaluate(collection(records), config({ subusers: ['alice', 'bob', 'carol'], evaluate: 'latest' }))
    expect(summary(rows(result))).toEqual(['alice 2025-06-01..2025-06-03 !', 'carol 2025-06-01..2025-06-03 !', 'bob 2025-06-01 4'])
    expect([...result.missing]).toEqual([{ account: 'alice' }, { account: 'carol' }])
  })

  it('judges metrics of the latest day', () => {
    const records = [rec('alice', D1, 4, { bounce_rate: 1 }), rec('alice', D2, 4, { bounce_rate: 3 })]
    const result = evaluate(collection(records), config({ evaluate: 'latest', minMetricScores: { bounce_rate: 2 } }))
    expect([...result.breaches]).toEqual([])
    expect(rows(result)[0]?.metrics?.bounce_rate).toBe(3)
  })
})

describe('evaluate average', () => {
  it('averages each account over its scored days, rounded to two decimals', () => {
    const records = [...days('alice', 3, 3, 2), ...days('bob', 5, undefined, 4)]
    const result = evaluate(collection(records), config({ subusers: ['alice', 'bob'], evaluate: 'average', minScore: 2 }))
    expect(summary(rows(result))).toEqual(['alice 2025-06-01..2025-06-03 2.67', 'bob 2025-06-01..2025-06-03 4.5'])
    expect(result.lowestScore).toBe(2.67)
  })

  it('judges the rounded average, the value it shows', () => {
    const records = days('alice', 3, 3, 2)
    // 8 / 3 = 2.666… is below 2.67, but the shown 2.67 is not.
    expect([...evaluate(collection(records), config({ evaluate: 'average', minScore: 2.67 })).breaches]).toEqual([])
    expect([...evaluate(collection(records), config({ evaluate: 'average', minScore: 2.68 })).breaches]).toEqual([
      { account: 'alice', date: '2025-06-01..2025-06-03', metric: 'score', value: 2.67, threshold: 2.68 }
    ])
  })

  it('averages metrics over the scored days that have them', () => {
    const records = [
      rec('alice', D1, 4, { spam_rate: 2, open_rate: 1 }),
      rec('alice', D2, 4, { spam_rate: 3, open_rate: 2 }),
      rec('alice', D3, 4, { spam_rate: 3, open_rate: 2 })
    ]
    const result = evaluate(collection(records), config({ evaluate: 'average', minMetricScores: { spam_rate: 2.7, open_rate: 1.67 } }))
    expect(rows(result)[0]?.metrics).toEqual(metrics({ spam_rate: 2.67, open_rate: 1.67 }))
    expect([...result.breaches]).toEqual([{ account: 'alice', date: '2025-06-01..2025-06-03', metric: 'spam_rate', value: 2.67, threshold: 2.7 }])
  })

  it('leaves metrics out when no scored day had them, and ignores metrics of unscored days', () => {
    const result = evaluate(collection([rec('alice', D1, 4), rec('alice', D2, undefined, { spam_rate: 1 })]), config({ evaluate: 'average' }))
    expect(rows(result)[0]?.metrics).toBeUndefined()
    expect(rows(result)[0]?.score).toBe(4)
  })

  it('names a one-day range by its day', () => {
    const result = evaluate(collection([rec('alice', D2, 4)]), config({ evaluate: 'average', from: D2, to: D2 }))
    expect(rows(result)[0]?.date).toBe(D2)
    expect(rangeOf({ from: D1, to: D3 })).toBe('2025-06-01..2025-06-03')
    expect(rangeOf({ from: D1, to: D1 })).toBe(D1)
  })

  it('lists an account without any score as missing, without a date', () => {
    const result = evaluate(collection(days('alice', undefined)), config({ subusers: ['alice', 'bob'], evaluate: 'average' }))
    expect([...result.missing]).toEqual([{ account: 'alice' }, { account: 'bob' }])
    expect(rows(result).map((row) => row.missing)).toEqual([true, true])
  })
})

describe('failures', () => {
  it('holds a failed listing day against the accounts read from the listing only, never against those read on their own', () => {
    const records = [rec('acme', D1, 4), rec('acme', D3, 4), rec('sub', D1, 4), rec('sub', D3, 4)]
    const failed = { records: RecordStore.of(records), failures: [failure({ date: D2 })], readAlone: new Set(['acme']) }
    const all = evaluate(failed, config({ subusers: 'all' }))
    expect([...all.missing]).toEqual([{ account: 'acme', date: D2 }])
    expect(rows(all).filter((row) => row.account === 'sub').map((row) => row.date)).toEqual([D1, D3])
    const unscored = { records: RecordStore.of([rec('sub', D1, 4)]), failures: [failure({ date: D2 })], readAlone: new Set(['acme']) }
    for (const mode of ['latest', 'average'] as const) {
      const result = evaluate({ ...unscored, unscored: [{ account: 'acme' }] }, config({ subusers: 'all', evaluate: mode }))
      expect([...result.missing]).toEqual([{ account: 'acme' }])
    }
  })

  it('keep an account that could not be read out of the rows and the missing list', () => {
    for (const mode of ['all', 'latest', 'average'] as const) {
      const result = evaluate(
        collection(days('alice', 4, 4, 4), [failure({ account: 'bob' })]),
        config({ subusers: ['alice', 'bob'], evaluate: mode })
      )
      expect(rows(result).map((row) => row.account)).toEqual(mode === 'all' ? ['alice', 'alice', 'alice'] : ['alice'])
      expect([...result.missing]).toEqual([])
      expect(result.accounts.map((account) => [account.account, account.failure?.account])).toEqual([
        ['bob', 'bob'],
        ['alice', undefined]
      ])
    }
  })

  it('drop an account failed for the range even when it has records, and count it as not missing', () => {
    const result = evaluate(collection(days('bob', 1, 1, 1), [failure({ account: 'bob' })]), config({ subusers: ['bob'] }))
    expect(rows(result)).toEqual([])
    expect([...result.breaches]).toEqual([])
    expect(result.accounts).toEqual([
      expect.objectContaining({ account: 'bob', lowestScore: undefined, breaches: 0, missing: 0, judged: 0, below: 0, failure: failure({ account: 'bob' }), worstBreaches: [] })
    ])
    expect(result.accounts[0]?.scores).toEqual([])
    expect(result.result).toBe('error')
  })

  it('add a failed account the run did not name (the key own account)', () => {
    const result = evaluate(collection([], [failure({ account: 'parent account', outcome: 'pending' })]), config({ subusers: [] }))
    expect(result.accounts.map((account) => account.account)).toEqual(['parent account'])
    expect(result.result).toBe('pending')
  })

  it('exclude a day whose subuser listing failed from missing under all, unless the account has a record', () => {
    const records = [rec('alice', D1, 4), rec('alice', D3, 4), rec('bob', D1, 4), rec('bob', D2, 4)]
    const result = evaluate(
      collection(records, [failure({ date: D2 }), failure({ date: D3, outcome: 'pending' })]),
      config({ subusers: 'all' })
    )
    expect(summary(rows(result))).toEqual(['alice 2025-06-01 4', 'alice 2025-06-03 4', 'bob 2025-06-01 4', 'bob 2025-06-02 4'])
    expect([...result.missing]).toEqual([])
    expect(result.result).toBe('error')
  })

  it('still list days missing outside the failed days', () => {
    const result = evaluate(collection([rec('alice', D3, 4)], [failure({ date: D2 })]), config({ subusers: 'all' }))
    expect([...result.missing]).toEqual([{ account: 'alice', date: D1 }])
  })

  it.each(['latest', 'average'] as const)(
    'under %s, do not call an account missing whose only readable days were unscored while other days failed',
    (mode) => {
      const result = evaluate(
        collection([rec('alice', D1), rec('bob', D1, 4)], [failure({ date: D2 }), failure({ date: D3 })]),
        config({ subusers: ['alice', 'bob'], evaluate: mode, missingScores: 'fail' })
      )
      expect([...result.missing]).toEqual([])
      expect(rows(result).map((row) => row.account)).toEqual(['bob'])
      expect(result.result).toBe('error')
    }
  )
})

describe('result', () => {
  const breach = rec('alice', D1, 1)
  const fine = rec('alice', D1, 5)
  const oneDay = { from: D1, to: D1 }

  it.each([
    ['failed', [breach], [failure({ account: 'bob' }), failure({ account: 'carol', outcome: 'pending' })]],
    ['error', [fine], [failure({ account: 'bob', outcome: 'pending' }), failure({ account: 'carol' })]],
    ['error', [fine], [failure({ date: D1 })]],
    ['pending', [fine], [failure({ account: 'bob', outcome: 'pending' })]],
    ['passed', [fine], []]
  ] as const)('is %s (failed > error > pending > passed)', (expected, records, failures) => {
    expect(evaluate(collection([...records], [...failures]), config({ ...oneDay, subusers: 'all' })).result).toBe(expected)
  })

  it('fails on a missing score only under missing-scores: fail', () => {
    const records = [rec('alice', D1)]
    expect(evaluate(collection(records), config({ ...oneDay, missingScores: 'fail' })).result).toBe('failed')
    expect(evaluate(collection(records), config({ ...oneDay, missingScores: 'warn' })).result).toBe('passed')
    expect(evaluate(collection(records), config({ ...oneDay, missingScores: 'ignore' })).result).toBe('passed')
    expect([...evaluate(collection(records), config({ ...oneDay, missingScores: 'ignore' })).missing]).toEqual([{ account: 'alice', date: D1 }])
  })

  it('puts a failing missing score above an error', () => {
    const result = evaluate(collection([rec('alice', D1)], [failure({ account: 'bob' })]), config({ ...oneDay, subusers: ['alice', 'bob'], missingScores: 'fail' }))
    expect(result.result).toBe('failed')
  })

  it('passes on no records at all when nothing was expected', () => {
    const result = evaluate(collection([]), config({ subusers: 'all' }))
    expect({ ...result, rows: rows(result), breaches: [...result.breaches], warnings: [...result.warnings], missing: [...result.missing] }).toEqual({
      result: 'passed',
      rows: [],
      breaches: [],
      warnings: [],
      atRisk: 0,
      missing: [],
      lowestScore: undefined,
      accounts: [],
      failures: []
    })
  })
})

describe('max-drop', () => {
  const dropBreach = (date: string, value: number, threshold: number, best: { date: string; score: number }) => ({
    account: 'alice',
    date,
    metric: 'drop',
    value,
    threshold,
    best
  })

  it('is off without max-drop, however far the score fell', () => {
    expect([...evaluate(collection(days('alice', 5, 5, 3)), config()).breaches]).toEqual([])
  })

  it('breaches on the latest scored day when it lies max-drop or more below the best', () => {
    const result = evaluate(collection(days('alice', 5, 4, 3.5)), config({ maxDrop: 1.5 }))
    expect([...result.breaches]).toEqual([dropBreach(D3, 1.5, 1.5, { date: D1, score: 5 })])
    expect(rows(result).map((row) => row.breaches.length)).toEqual([0, 0, 1])
    expect(result.accounts[0]?.breaches).toBe(1)
    expect(result.result).toBe('failed')
  })

  it('does not breach a smaller drop, or a latest day that is the best', () => {
    expect([...evaluate(collection(days('alice', 5, 4, 3.5)), config({ maxDrop: 1.6 })).breaches]).toEqual([])
    expect([...evaluate(collection(days('alice', 3, 4, 5)), config({ maxDrop: 0.5 })).breaches]).toEqual([])
  })

  it('measures from the most recent best day, rounded to two decimals', () => {
    expect([...evaluate(collection(days('alice', 4, 4, 3)), config({ maxDrop: 1 })).breaches]).toEqual([
      dropBreach(D3, 1, 1, { date: D2, score: 4 })
    ])
    // 4.3 - 3.3 is 0.9999999999999996 in floating point.
    expect([...evaluate(collection(days('alice', 4.3, 3.3)), config({ maxDrop: 1 })).breaches]).toEqual([
      dropBreach(D2, 1, 1, { date: D1, score: 4.3 })
    ])
  })

  it('skips unscored days for the latest score', () => {
    const result = evaluate(collection(days('alice', 5, 3, undefined)), config({ maxDrop: 2 }))
    expect([...result.breaches]).toEqual([dropBreach(D2, 2, 2, { date: D1, score: 5 })])
    expect(rows(result)[1]?.breaches).toEqual([...result.breaches])
  })

  it('puts the breach on the only row under latest and average', () => {
    for (const mode of ['latest', 'average'] as const) {
      const result = evaluate(collection(days('alice', 5, 4, 3.5)), config({ evaluate: mode, maxDrop: 1 }))
      expect(rows(result)).toHaveLength(1)
      expect(rows(result)[0]?.breaches).toEqual([dropBreach(D3, 1.5, 1, { date: D1, score: 5 })])
    }
  })

  it('leaves accounts that could not be read alone', () => {
    const result = evaluate(collection(days('alice', 5, 1), [failure({ account: 'alice' })]), config({ maxDrop: 1 }))
    expect([...result.breaches]).toEqual([])
    expect(result.result).toBe('error')
  })
})

describe('accounts and ordering', () => {
  it('puts the worst account first: breaches, then failures, then missing, then lowest score, then name', () => {
    const records = [
      ...days('high', 5, 5, 5),
      ...days('aaa', 5, 5, 5),
      ...days('low', 4, 3.5, 4),
      ...days('miss', 5, undefined, 5),
      ...days('zed', 4, 2, 4),
      ...days('yan', 1, 5, 5)
    ]
    const result = evaluate(collection(records, [failure({ account: 'bad' })]), config({ subusers: 'all' }))
    expect(result.accounts.map((account) => account.account)).toEqual(['yan', 'zed', 'bad', 'miss', 'low', 'aaa', 'high'])
    expect(rows(result).map((row) => row.account)).toEqual(
      ['yan', 'zed', 'miss', 'low', 'aaa', 'high'].flatMap((account) => [account, account, account])
    )
    expect(rows(result).filter((row) => row.account === 'zed').map((row) => row.date)).toEqual([D1, D2, D3])
    expect([...result.breaches].map((breach) => breach.account)).toEqual(['yan', 'zed'])
    expect(result.lowestScore).toBe(1)
  })

  it('counts breaches, missing days and the lowest score per account', () => {
    const records = [rec('alice', D1, 2, { spam_rate: 1 }), rec('alice', D2, 4), rec('bob', D1, 5)]
    const result = evaluate(collection(records), config({ subusers: ['alice', 'bob'], minMetricScores: { spam_rate: 2 } }))
    const alicesWorst = [
      { account: 'alice', date: D1, metric: 'score', value: 2, threshold: 3 },
      { account: 'alice', date: D1, metric: 'spam_rate', value: 1, threshold: 2 }
    ]
    expect(result.accounts).toEqual([
      expect.objectContaining({ account: 'alice', lowestScore: 2, breaches: 2, missing: 1, judged: 3, below: 1, failure: undefined, worstBreaches: alicesWorst }),
      expect.objectContaining({ account: 'bob', lowestScore: 5, breaches: 0, missing: 2, judged: 3, below: 0, failure: undefined, worstBreaches: [] })
    ])
    expect(result.accounts.map((account) => account.breachCounts)).toEqual([{ score: 1, spam_rate: 1 }, {}])
    expect(result.accounts.map((account) => account.scores)).toEqual([[records[0], records[1]], [records[2]]])
  })

  it('keeps the worst breach of each metric per account: the lowest value, the first on a tie, and its drop', () => {
    const records = [rec('alice', D1, 4, { spam_rate: 1 }), rec('alice', D2, 1, { spam_rate: 1 }), rec('alice', D3, 2, { spam_rate: 2 })]
    const [alice] = evaluate(collection(records), config({ minMetricScores: { spam_rate: 3 }, maxDrop: 0.5 })).accounts
    expect(alice?.breaches).toBe(6)
    expect(alice?.worstBreaches).toEqual([
      { account: 'alice', date: D1, metric: 'spam_rate', value: 1, threshold: 3 },
      { account: 'alice', date: D2, metric: 'score', value: 1, threshold: 3 },
      { account: 'alice', date: D3, metric: 'drop', value: 2, threshold: 0.5, best: { date: D1, score: 4 } }
    ])
    expect(Object.keys(JSON.parse(JSON.stringify(alice)) as object)).toEqual(['account', 'lowestScore', 'breaches', 'missing', 'scores'])
    expect(JSON.parse(JSON.stringify(alice))).toMatchObject({ account: 'alice', breaches: 6, scores: records })
  })

  it('passes the failures through', () => {
    const failures = [failure({ account: 'bob' }), failure({ date: D2, outcome: 'pending' })]
    expect(evaluate(collection([], failures), config({ subusers: 'all' })).failures).toEqual(failures)
  })
})

describe('scale', () => {
  it('finds the lowest of more scores than a call can take as arguments', () => {
    const dayList = ['2025-06-01', '2025-06-02', '2025-06-03']
    const records = Array.from({ length: 200_000 }, (_, index) => rec(`sub-${Math.floor(index / 3)}`, dayList[index % 3] as string, 5 - (index % 2)))
    records.push(rec('low', D2, 1.5))
    const result = evaluate(collection(records), config({ subusers: 'all', minScore: 1 }))
    expect(result.lowestScore).toBe(1.5)
    expect(result.accounts[0]?.lowestScore).toBe(1.5)
    expect(result.rows).toHaveLength((Math.ceil(200_000 / 3) + 1) * 3)
  })

  it('makes rows as they are read, the same each time, and shows them as an array in JSON', () => {
    const result = evaluate(collection([...days('alice', 2, 4, 5), ...days('bob', 5, 5)]), config({ subusers: ['alice', 'bob'] }))
    expect(rows(result)).toEqual(rows(result))
    expect(rows(result)[0]).not.toBe(rows(result)[0])
    expect(JSON.parse(JSON.stringify(result)).rows).toEqual(JSON.parse(JSON.stringify(rows(result))))
    expect(summary(rows(result))).toEqual(['alice 2025-06-01 2 score', 'alice 2025-06-02 4', 'alice 2025-06-03 5', 'bob 2025-06-01 5', 'bob 2025-06-02 5', 'bob 2025-06-03 !'])
  })

  it('gives each account its scored records as its scores, made when read rather than kept', () => {
    const records = days('alice', 4, undefined, 3)
    const [verdict] = evaluate(collection(records), config()).accounts
    expect(verdict?.scores).toEqual([records[0], records[2]])
    expect(verdict?.scores[0]).not.toBe(verdict?.scores[0])
  })
})
