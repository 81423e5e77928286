import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { belowThresholdDays, escapeAttribute, escapeText } from '../src/report/junit.js'
import type { Problem } from '../src/report/fixes.js'
import { readJUnit, schemaErrors } from './support/formats.js'

/** The JUnit format's own pieces: the list of days below threshold, and escaping any text for XML. */

/** Problems on these days, as a Fix holds them; only the metric and the dates matter here. */
function problems(...byMetric: [Problem['metric'], string[]][]): Pick<Problem, 'metric' | 'dates'>[] {
  return byMetric.map(([metric, dates]) => ({ metric, dates }))
}

describe('belowThresholdDays', () => {
  it('names the year and month only where they change, and three days in a row or more as a range', () => {
    const days = ['2026-11-04', '2026-11-05', '2026-11-09', '2026-11-10', '2026-11-11', '2026-11-12', '2026-11-30', '2026-12-01', '2026-12-02', '2026-12-05']
    expect(belowThresholdDays({ problems: problems(['score', days]) as Problem[] })).toBe('2026-11-04, 05, 09 to 12, 30 to 2026-12-02 and 05')
  })

  it('joins the days of every metric once, in order, and leaves out a drop, whose day is not below a threshold', () => {
    const fix = problems(['spam_rate', ['2026-11-03', '2026-11-01']], ['score', ['2026-11-01', '2026-11-02']], ['drop', ['2026-11-20']])
    expect(belowThresholdDays({ problems: fix as Problem[] })).toBe('2026-11-01 to 03')
  })

  it('writes one day whole', () => {
    expect(belowThresholdDays({ problems: problems(['score', ['2026-11-29']]) as Problem[] })).toBe('2026-11-29')
  })
})

describe('escaping for XML', () => {
  it('keeps any text, whatever it holds, readable back as written; what XML cannot hold as \\uXXXX', async () => {
    const texts = fc.sample(fc.oneof(fc.string({ unit: 'binary', maxLength: 24 }), fc.string({ unit: fc.constantFrom('&', '<', '>', '"', "'", ']]>', '\r', '\n', '\t', '\u0000', '\u0007', '\ud800', '\udc00', '\uffff', 'a', ' '), maxLength: 12 })), { numRuns: 300, seed: 19 })
    const cases = texts.map((text) => `<testcase classname="c" name="${escapeAttribute(text)}" time="0"><failure type="t" message="${escapeAttribute(text)}">${escapeText(text)}</failure></testcase>`)
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="s" tests="${texts.length}" failures="${texts.length}" errors="0" time="0" timestamp="2026-12-02T00:00:00" hostname="h"><properties/>${cases.join('')}<system-out/><system-err/></testsuite>\n`

    expect(await schemaErrors(xml)).toEqual([])
    const read = await readJUnit(xml)
    const visible = (text: string): string =>
      text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, (char) => `\\u${(char.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}`) // eslint-disable-line no-control-regex
    // An attribute keeps every character (its line breaks and tabs were references); a name is an xs:token, which a reader may collapse, so it is compared as written.
    expect(read.cases.map((each) => each.result?.message)).toEqual(texts.map(visible))
    expect(read.cases.map((each) => each.name)).toEqual(texts.map(visible))
    expect(read.cases.map((each) => each.result?.text)).toEqual(texts.map(visible))
  })
})
