import { describe, expect, it } from '@jest/globals'
import { NarrowColumn, RecordStore } from '../src/records/record-store.js'
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

/** What a store reads back: account by account in the order they first came, each by date, one day's records in the order they came. */
function accountByAccount(given: ScoreRecord[]): ScoreRecord[] {
  const accounts = [...new Set(given.map((record) => record.account))]
  return accounts.flatMap((account) => given.filter((record) => record.account === account).sort((a, b) => a.date.localeCompare(b.date)))
}

describe('RecordStore', () => {
  it('gives back what it was given, account by account and by date, absent fields absent, past many chunks', () => {
    const given = records(10_000)
    const store = RecordStore.of(given)
    expect(store).toHaveLength(10_000)
    expect([...store]).toEqual(accountByAccount(given))
    expect(Object.keys(store.recordsOf('sub-0')[0] ?? {})).toEqual(['account', 'user_id', 'date'])
  })

  it('keeps the records of one account together however they interleave with others, across blocks and user ids', () => {
    const store = new RecordStore()
    for (let day = 1; day <= 28; day++)
      for (const account of ['a', 'b', 'c']) {
        const user_id = account === 'b' && day > 20 ? 'b-renamed' : `${account}-id`
        store.add({ account, user_id, date: `2025-02-${String(day).padStart(2, '0')}`, score: 1 + (day % 5) })
      }
    const b = store.recordsOf('b')
    expect(b.map((record) => record.date.slice(-2))).toEqual(Array.from({ length: 28 }, (_, index) => String(index + 1).padStart(2, '0')))
    expect(b.map((record) => record.user_id)).toEqual([...Array<string>(20).fill('b-id'), ...Array<string>(8).fill('b-renamed')])
    expect(b.map((record) => record.score)).toEqual(Array.from({ length: 28 }, (_, index) => 1 + ((index + 1) % 5)))
    expect(store.recordsOf('c')).toHaveLength(28)
    expect(store.recordsOf('nobody')).toEqual([])
  })

  it('keeps every score exactly, however many distinct values there are', () => {
    const given = Array.from({ length: 70_000 }, (_, index): ScoreRecord => ({ account: `sub-${index}`, user_id: String(index), date: '2025-06-01', score: 1 + index / 100_000 }))
    const store = RecordStore.of(given)
    expect([...store]).toEqual(given)
  })

  it('moves a draft into the store at once, then holds nothing more', () => {
    const store = RecordStore.of(records(5000))
    const draft = store.draft()
    draft.addAll(records(4500, 'other'))
    expect(store).toHaveLength(5000)
    store.append(draft)
    expect([...store]).toEqual(accountByAccount([...records(5000), ...records(4500, 'other')]))
    expect(draft).toHaveLength(0)
    store.append(draft)
    expect(store).toHaveLength(9500)
  })

  it('refuses a draft of another store', () => {
    expect(() => new RecordStore().append(new RecordStore().draft())).toThrow('only a draft of this store')
  })

  it('gives each account its records by date, and names the accounts that have any, in the order they came', () => {
    const store = RecordStore.of([
      { account: 'b', user_id: '2', date: '2025-06-02', score: 4 },
      { account: 'a', user_id: '1', date: '2025-06-03', score: 3 },
      { account: 'b', user_id: '2', date: '2025-06-01', score: 5 },
      { account: 'a', user_id: '1', date: '2025-06-01', score: 2 }
    ])
    expect(store.recordsOf('b').map((record) => record.score)).toEqual([5, 4])
    expect(store.recordsOf('a').map((record) => record.score)).toEqual([2, 3])
    store.add({ account: 'c', user_id: '3', date: '2025-06-01' })
    expect(store.accounts()).toEqual(new Set(['b', 'a', 'c']))
    expect([...store.accounts()]).toEqual(['b', 'a', 'c'])
    store.draft().add({ account: 'd', user_id: '4', date: '2025-06-01' })
    expect(store.accounts()).not.toContain('d')
  })
})

describe('NarrowColumn', () => {
  it('takes a byte per value until a value needs two, then four, keeping every value set before', () => {
    const column = new NarrowColumn()
    for (let index = 0; index < 5000; index++) column.set(index, index % 256)
    expect(column.width).toBe(1)
    column.set(5000, 300)
    expect(column.width).toBe(2)
    column.set(5001, 70_000)
    expect(column.width).toBe(4)
    expect(Array.from({ length: 5002 }, (_, index) => column.at(index))).toEqual([...Array.from({ length: 5000 }, (_, index) => index % 256), 300, 70_000])
    expect(column.at(9000)).toBe(0)
  })
})
