import { describe, it, expect } from '@jest/globals'
import { addDays, dayOf, daysBetween, eachDay, formatDuration, isDay, resolveDay } from '../src/dates.js'

describe('resolveDay', () => {
  const today = '2024-03-01'

  it('resolves today and yesterday against the given day, across a leap day', () => {
    expect(resolveDay('today', today)).toBe('2024-03-01')
    expect(resolveDay('yesterday', today)).toBe('2024-02-29')
    expect(resolveDay('yesterday', '2025-03-01')).toBe('2025-02-28')
    expect(resolveDay('yesterday', '2026-01-01')).toBe('2025-12-31')
  })

  it('resolves -Nd as N days before today', () => {
    expect(resolveDay('-0d', today)).toBe('2024-03-01')
    expect(resolveDay('-1d', today)).toBe('2024-02-29')
    expect(resolveDay('-7d', '2025-06-30')).toBe('2025-06-23')
    expect(resolveDay('-90d', '2025-06-30')).toBe('2025-04-01')
    expect(resolveDay('-366d', today)).toBe('2023-03-01')
    expect(resolveDay('-9999d', '2025-06-30')).toBe('1998-02-13')
  })

  it('returns a YYYY-MM-DD day as it is, whatever today is', () => {
    expect(resolveDay('2024-02-29', today)).toBe('2024-02-29')
    expect(resolveDay('1999-12-31', today)).toBe('1999-12-31')
    expect(resolveDay('2030-01-01', today)).toBe('2030-01-01')
  })

  it('ignores case and surrounding white space', () => {
    expect(resolveDay('  TODAY ', today)).toBe('2024-03-01')
    expect(resolveDay('\tYesterday\n', today)).toBe('2024-02-29')
    expect(resolveDay(' -2D ', today)).toBe('2024-02-28')
    expect(resolveDay(' 2024-02-29\n', today)).toBe('2024-02-29')
  })

  it.each([
    '',
    ' ',
    'tomorrow',
    'to day',
    '1d',
    '+1d',
    '-1',
    '- 1d',
    '-1dd',
    '-1w',
    '-10000d',
    '--1d',
    '2025-02-29',
    '2024-2-29',
    '2024-02-29T00:00:00Z',
    '29/02/2024',
    'today,yesterday'
  ])('returns undefined for %j', (text) => {
    expect(resolveDay(text, today)).toBeUndefined()
  })
})

describe('isDay', () => {
  it.each([
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2000-02-29', true],
    ['1900-02-29', false],
    ['2025-02-28', true],
    ['2026-04-30', true],
    ['2026-04-31', false],
    ['2026-06-31', false],
    ['2026-01-31', true],
    ['2026-12-31', true],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-01-00', false],
    ['2026-01-32', false],
    ['2026-1-01', false],
    ['26-01-01', false],
    [' 2026-01-01', false],
    ['2026-01-01 ', false],
    ['2026-01-01T00:00:00Z', false],
    ['２０２６-01-01', false],
    ['', false]
  ])('isDay(%j) is %s', (text, expected) => {
    expect(isDay(text)).toBe(expected)
  })
})

describe('dayOf', () => {
  it('is the UTC day of an instant', () => {
    expect(dayOf(new Date('2025-06-30T23:59:59.999Z'))).toBe('2025-06-30')
    expect(dayOf(new Date('2025-07-01T00:00:00.000Z'))).toBe('2025-07-01')
    expect(dayOf(new Date('2025-06-30T23:30:00-02:00'))).toBe('2025-07-01')
  })
})

describe('addDays', () => {
  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2024-02-28', 2, '2024-03-01'],
    ['2025-02-28', 1, '2025-03-01'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2025-03-01', -1, '2025-02-28'],
    ['2025-12-31', 1, '2026-01-01'],
    ['2026-01-01', -1, '2025-12-31'],
    ['2025-01-31', 30, '2025-03-02'],
    ['2025-04-30', 1, '2025-05-01'],
    ['2024-01-01', 366, '2025-01-01'],
    ['2025-01-01', 365, '2026-01-01'],
    ['2025-06-30', 0, '2025-06-30'],
    ['2025-06-30', -90, '2025-04-01']
  ])('addDays(%s, %d) is %s', (day, days, expected) => {
    expect(addDays(day, days)).toBe(expected)
  })
})

describe('daysBetween', () => {
  it.each([
    ['2024-02-28', '2024-03-01', 2],
    ['2025-02-28', '2025-03-01', 1],
    ['2025-12-31', '2026-01-01', 1],
    ['2026-01-01', '2025-12-31', -1],
    ['2024-01-01', '2025-01-01', 366],
    ['2025-01-01', '2026-01-01', 365],
    ['2025-06-30', '2025-06-30', 0],
    ['2025-06-30', '2025-04-01', -90]
  ])('daysBetween(%s, %s) is %d', (from, to, expected) => {
    expect(daysBetween(from, to)).toBe(expected)
  })

  it('undoes addDays for every offset across two years including a leap day', () => {
    for (let days = -400; days <= 400; days++) {
      const day = addDays('2024-02-29', days)
      expect(isDay(day)).toBe(true)
      expect(daysBetween('2024-02-29', day)).toBe(days)
    }
  })
})

describe('eachDay', () => {
  it('lists every day with both ends included, across a leap day', () => {
    expect(eachDay('2024-02-27', '2024-03-01')).toEqual(['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01'])
    expect(eachDay('2025-02-27', '2025-03-01')).toEqual(['2025-02-27', '2025-02-28', '2025-03-01'])
  })

  it('lists every day across a month and a year end', () => {
    expect(eachDay('2025-04-29', '2025-05-02')).toEqual(['2025-04-29', '2025-04-30', '2025-05-01', '2025-05-02'])
    expect(eachDay('2025-12-30', '2026-01-02')).toEqual(['2025-12-30', '2025-12-31', '2026-01-01', '2026-01-02'])
  })

  it('is one day when from equals to, and empty when to comes first', () => {
    expect(eachDay('2025-06-30', '2025-06-30')).toEqual(['2025-06-30'])
    expect(eachDay('2025-07-01', '2025-06-30')).toEqual([])
  })

  it('has 91 distinct consecutive days for a 90-day range', () => {
    const days = eachDay('2025-04-01', '2025-06-30')
    expect(days).toHaveLength(91)
    expect(new Set(days).size).toBe(91)
    expect(days[0]).toBe('2025-04-01')
    expect(days.at(-1)).toBe('2025-06-30')
    days.slice(1).forEach((day, index) => expect(daysBetween(days[index] as string, day)).toBe(1))
  })
})

describe('formatDuration', () => {
  it.each([
    [0, '0ms'],
    [1, '1ms'],
    [500, '500ms'],
    [999, '999ms'],
    [1000, '1s'],
    [1499, '1s'],
    [1500, '2s'],
    [59_000, '59s'],
    [59_500, '1m'],
    [60_000, '1m'],
    [90_000, '1m 30s'],
    [600_000, '10m'],
    [3_600_000, '1h'],
    [3_661_000, '1h 1m 1s'],
    [7_205_000, '2h 5s'],
    [21_600_000, '6h'],
    [86_400_000, '24h']
  ])('formatDuration(%d) is %s', (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected)
  })
})
