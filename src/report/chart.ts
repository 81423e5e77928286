import { eachDay, type Day } from '../dates.js'
import type { AccountVerdict } from '../gate/evaluate.js'
import { dropOf, trendOf } from '../gate/trends.js'
import { escapeMarkdown } from './markdown.js'
import { plural } from './verdict.js'

/** At most this many accounts get a line, besides the threshold's: more would be unreadable. */
export const CHART_ACCOUNTS = 9
/** At most this many x-axis labels: Mermaid draws every label, and more run into each other. */
const AXIS_LABELS = 7

/**
 * Line colours, worst account first, each with the emoji that stands for it in the legend. Each has
 * a contrast of at least 3:1 on GitHub's light (#ffffff) and dark (#0d1117) backgrounds.
 */
export const COLOURS = [
  ['#e5534b', '🔴'],
  ['#d4691c', '🟠'],
  ['#ad7f0e', '🟡'],
  ['#46954a', '🟢'],
  ['#4184e4', '🔵'],
  ['#986ee2', '🟣'],
  ['#a0714f', '🟤'],
  ['#e255a1', '🩷'],
  ['#1b8fa6', '🩵']
] as const
export const THRESHOLD_COLOUR = ['#768390', '🩶'] as const

/** The accounts a chart draws, and those it leaves out and why. */
interface ChartChoice {
  /** Worst first. */
  drawn: AccountVerdict[]
  /** At or above threshold and not falling: their lines would only hide the ones that matter. */
  steady: number
  /** Without a score on some day: xychart-beta cannot leave a gap, and a made-up value would read as a score. */
  gapped: number
  /** Worth drawing, but past CHART_ACCOUNTS. */
  more: number
}

/**
 * Which accounts are worth a line: those in breach or at risk first (worst first, as `accounts` come), then
 * those falling, by how far they dropped from their best day, then by how steeply.
 */
function chooseChartAccounts(accounts: AccountVerdict[], days: Day[]): ChartChoice {
  const choice: ChartChoice = { drawn: [], steady: 0, gapped: 0, more: 0 }
  const flagged: AccountVerdict[] = []
  const falling: { verdict: AccountVerdict; drop: number; change: number }[] = []
  for (const verdict of accounts) {
    const scores = verdict.scores
    if (scores.length === 0) continue
    const trend = trendOf(scores)
    if (scores.length < days.length) choice.gapped++
    else if (verdict.breaches > 0 || verdict.atRisk) flagged.push(verdict)
    else if (trend?.direction === 'down') falling.push({ verdict, drop: dropOf(scores)?.by ?? 0, change: trend.change })
    else choice.steady++
  }
  falling.sort((a, b) => b.drop - a.drop || a.change - b.change)
  const worthDrawing = [...flagged, ...falling.map(({ verdict }) => verdict)]
  choice.drawn = worthDrawing.slice(0, CHART_ACCOUNTS)
  choice.more = worthDrawing.length - choice.drawn.length
  return choice
}

/**
 * A Mermaid `xychart-beta` line chart of the chosen accounts' daily overall scores and a line at
 * min-score, with one legend (ours: Mermaid 11.17 and later would draw its own beside it). The worst
 * account is drawn last, on top of the others. '' for a single day or when nothing is worth drawing.
 */
export function renderTrendChart(accounts: AccountVerdict[], range: { from: Day; to: Day; minScore: number }): string {
  const days = eachDay(range.from, range.to)
  if (days.length < 2) return ''
  const choice = chooseChartAccounts(accounts, days)
  if (choice.drawn.length === 0) return ''
  const bottomUp = [...choice.drawn].reverse()
  const palette = [THRESHOLD_COLOUR[0], ...bottomUp.map((verdict) => colourOf(choice, verdict)[0])]
  const config = { xyChart: { showLegend: false }, themeVariables: { xyChart: { plotColorPalette: palette.join(', ') } } }
  const chart = [
    '```mermaid',
    `%%{init: ${JSON.stringify(config)}}%%`,
    'xychart-beta',
    '    title "Overall score per day (UTC)"',
    `    x-axis [${axisLabels(days).map((label) => `"${label}"`).join(', ')}]`,
    '    y-axis "Score" 1 --> 5',
    `    line "min-score" [${days.map(() => range.minScore).join(', ')}]`,
    ...bottomUp.map((verdict) => `    line "${chartText(verdict.account)}" [${verdict.scores.map((day) => day.score).join(', ')}]`),
    '```'
  ]
  return `${chart.join('\n')}\n\n${legend(choice, range.minScore)}\n`
}

function colourOf(choice: ChartChoice, verdict: AccountVerdict): (typeof COLOURS)[number] {
  return COLOURS[choice.drawn.indexOf(verdict)] as (typeof COLOURS)[number]
}

/**
 * Every day needs a label, and Mermaid merges equal labels into one point and trims spaces; so a
 * day between labelled ones gets a distinct run of zero-width spaces. The latest day is labelled.
 */
export function axisLabels(days: Day[]): string[] {
  const every = Math.ceil(days.length / AXIS_LABELS)
  return days.map((day, index) => ((days.length - 1 - index) % every === 0 ? day.slice(5) : '\u200b'.repeat(index + 1)))
}

function legend(choice: ChartChoice, minScore: number): string {
  const keys = choice.drawn.map((verdict) => `${colourOf(choice, verdict)[1]} ${escapeMarkdown(verdict.account)}`)
  const left = [
    choice.more > 0 ? `${plural(choice.more, 'more account')} in breach, at risk or falling` : '',
    choice.steady > 0 ? `${plural(choice.steady, 'account')} at or above threshold and not falling` : '',
    choice.gapped > 0 ? `${plural(choice.gapped, 'account')} without a score on some days (a line cannot show the gap)` : ''
  ].filter(Boolean)
  const notDrawn = left.length > 0 ? ` Not drawn: ${left.join('; ')}; the table below has every account.` : ''
  // The line is min-score's: an account with an account-thresholds rule of its own is held to that rule.
  const own = choice.drawn.some((verdict) => verdict.rule?.minScore !== undefined) ? '; accounts marked † in the table have thresholds of their own' : ''
  return `${[...keys, `${THRESHOLD_COLOUR[1]} min-score ${minScore}${own}`].join(' · ')}.${notDrawn}`
}

/** Mermaid strings cannot hold double quotes; backticks and line breaks would end the fence or the line. */
function chartText(name: string): string {
  return name.replace(/["`]/g, "'").replace(/[\r\n\u2028\u2029]+/g, ' ').replace(/%%/g, '% %')
}
