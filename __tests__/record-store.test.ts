import { describe, expect, it } from '@jest/globals'
import { RecordStore } from '../src/records/record-store.js'
import type { ScoreRecord } from '../src/records/score-record.js'

const METRICS = { engagement_recency: 5, open_rate: 4, bounce_classification: 3, bounce_rate: 2, spam_rate: 1 }

/** `count` records over a handful of accounts and days, every fifth without a score, every third without metrics. */
function records(count: number, prefix = 'sub'): ScoreRecord[] {
  return Array.from({ length: count }, (_, index) => {
    const record: ScoreRecord = { account: `${prefix}-${index % 7}`, user_id: String(1000 + (index % 7)), date: `2025-06-${String(1 + (index % 28)).padStart(2, '0')}` }
    if (index % 5 !== 0) record.score = 1 + (index % 5) + (index % 2) / 10
    if (index % 3 !== 0) record.metrics = { ...METRICS, spam_rate: 1 + (index % 5) }
    return record
  })
}

describe('RecordStore', () => {
  it('gives back what it was given, absent fields absent, past many chunks', () => {
    const given = records(10_000)
    const store = RecordStore.of(given)
    expect(store).toHaveLength(10_000)
    expect([...store]).toEqual(given)
    expect(Object.keys(store.at(0))).toEqual(['account', 'user_id', 'date'])
  })

  it('moves a draft to its end, keeping the order of both', () => {
    const store = RecordStore.of(records(5000))
    const draft = store.draft()
    draft.addAll(records(4500, 'other'))
    store.append(draft)
    expect([...store]).toEqual([...records(5000), ...records(4500, 'other')])
  })

  it('refuses a draft of another store', () => {
    expect(() => new RecordStore().append(new RecordStore().draft())).toThrow('only a draft of this store')
  })

  it('groups positions by account, each by date, and regroups after a change', () => {
    const store = RecordStore.of([
      { account: 'b', user_id: '2', date: '2025-06-02', score: 4 },
      { account: 'a', user_id: '1', date: '2025-06-03', score: 3 },
      { account: 'b', user_id: '2', date: '2025-06-01', score: 5 },
      { account: 'a', user_id: '1', date: '2025-06-01', score: 2 }
    ])
    const grouped = (): [string, number[]][] => [...store.positionsByAccount()].map(([account, positions]) => [account, [...positions]])
    expect(grouped()).toEqual([
      ['b', [2, 0]],
      ['a', [3, 1]]
    ])
    store.add({ account: 'c', user_id: '3', date: '2025-06-01' })
    expect(grouped().at(-1)).toEqual(['c', [4]])
    expect(store.accounts()).toEqual(new Set(['a', 'b', 'c']))
  })
})
