// @ts-check
/**
 * Makes the README's pictures of the job summary from real runs: the built action (dist/index.js)
 * runs against the SEQ simulator, and the summary it writes is rendered the way GitHub renders it:
 * GitHub's Markdown engine (cmark-gfm with its table, strikethrough, autolink and tagfilter
 * extensions), GitHub's stylesheet (github-markdown-css) at 1000 px, and Mermaid 11 for the chart,
 * in headless Chromium.
 *
 *   npm run build && node scripts/screenshot.js [--theme dark] [--out DIR] [--check]
 *
 * writes docs/summary.png (the demo: 4 subusers and the parent over 7 days) and
 * docs/summary-50-accounts.png (50 subusers and the parent over 14 days, 5 in breach), and prints
 * for each, and for 300 subusers and the parent over 30 days (every one in breach: the widest
 * table; its picture only with --out), how many cells of the per-account table wrap and whether
 * that table scrolls sideways at 1000 px. `--check` writes no picture, and exits 1 when a table
 * scrolls. Run by hand when the summary changes; CI does not.
 * Needs Debian's `cmark-gfm`, `chromium` and `fonts-noto-color-emoji` (CMARK_GFM=/path and
 * CHROMIUM=/path override the binaries), and Mermaid: `npm install --no-save mermaid@11`, or
 * MERMAID_JS=/path/to/mermaid.min.js. Nothing leaves the machine: the simulator listens on
 * 127.0.0.1, Chromium opens one local file and resolves no host names.
 */
import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs, promisify } from 'node:util'
import { bulkScenario, DEMO_INPUTS, demoScenario, FIFTY_ACCOUNTS_INPUTS, fiftyAccountsScenario } from '../sim/scenarios.js'
import { DEFAULT_API_KEY, startSimulator } from '../sim/simulator.js'
import { runDist } from './run-action.js'

const require = createRequire(import.meta.url)
const run = promisify(execFile)
const { values: options } = parseArgs({
  options: { theme: { type: 'string', default: 'light' }, out: { type: 'string' }, scale: { type: 'string', default: '1' }, check: { type: 'boolean', default: false } }
})
const THEME = options.theme === 'dark' ? 'dark' : 'light'
const OUT_DIR = options.out ? resolve(options.out) : fileURLToPath(new URL('../docs/', import.meta.url))
/** The width GitHub gives a job summary's text on a laptop screen. */
const PAGE_WIDTH = 1000

/** `docs: false`: measured, and drawn only into another folder than docs/ (--out). */
const PICTURES = [
  { file: 'summary.png', scenario: demoScenario, inputs: DEMO_INPUTS, docs: true },
  { file: 'summary-50-accounts.png', scenario: fiftyAccountsScenario, inputs: FIFTY_ACCOUNTS_INPUTS, docs: true },
  { file: 'summary-301-accounts-30-days.png', scenario: () => bulkScenario(300), inputs: { subusers: '*', 'include-parent': 'true', from: '-30d' }, docs: false }
]

/**
 * @param {import('../sim/simulator.js').SimulatorOptions} scenario
 * @param {Readonly<Record<string, string>>} inputs
 */
async function summaryOf(scenario, inputs) {
  const simulator = await startSimulator(scenario)
  try {
    const { summary } = await runDist({ ...inputs, 'api-key': DEFAULT_API_KEY, 'base-url': simulator.url })
    if (!summary.trim()) throw new Error('dist/index.js wrote no job summary; run npm run build first')
    return summary
  } finally {
    await simulator.close()
  }
}

/** GitHub's own renderer; Mermaid blocks come out as `<pre lang="mermaid">`, for Mermaid to draw as GitHub does. */
async function markdownToHtml(/** @type {string} */ markdown) {
  const args = ['-e', 'table', '-e', 'strikethrough', '-e', 'autolink', '-e', 'tagfilter', '--unsafe', '--github-pre-lang']
  const child = execFile(process.env.CMARK_GFM ?? 'cmark-gfm', args, { maxBuffer: 64 * 1024 * 1024 })
  child.stdin?.end(markdown)
  let html = ''
  child.stdout?.on('data', (chunk) => (html += chunk))
  const code = await new Promise((done) => child.on('close', done))
  if (code !== 0) throw new Error(`cmark-gfm exited with ${code}`)
  return html.replace(/<pre lang="mermaid"><code>([^]*?)<\/code><\/pre>/g, '<pre class="mermaid">$1</pre>')
}

async function mermaidScript(/** @type {string} */ html) {
  if (!html.includes('<pre class="mermaid">')) return '<script>measure()</script>'
  const path = process.env.MERMAID_JS ?? resolveMermaid()
  const source = (await readFile(path, 'utf8')).replace(/<\/script/gi, '<\\/script')
  return `<script>${source}</script>
<script>
  mermaid.initialize({ startOnLoad: false, theme: '${THEME === 'dark' ? 'dark' : 'default'}' })
  mermaid.run({ querySelector: 'pre.mermaid' }).finally(measure)
</script>`
}

function resolveMermaid() {
  try {
    return require.resolve('mermaid/dist/mermaid.min.js')
  } catch {
    throw new Error('The summary has a Mermaid chart: npm install --no-save mermaid@11, or set MERMAID_JS=/path/to/mermaid.min.js')
  }
}

/**
 * The summary inside a card like the one GitHub draws around a job summary. `measure()` leaves the
 * page's height, and how many cells of the per-account table (the one after "Accounts") take more
 * than one line, in the DOM for the first Chromium run to report.
 */
async function summaryPage(/** @type {string} */ markdown) {
  const css = await readFile(require.resolve(`github-markdown-css/github-markdown-${THEME}.css`), 'utf8')
  const html = await markdownToHtml(markdown)
  const [page, card, border, text] = THEME === 'dark' ? ['#010409', '#0d1117', '#3d444d', '#f0f6fc'] : ['#f6f8fa', '#ffffff', '#d1d9e0', '#1f2328']
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Job summary</title>
<style>
${css}
body { box-sizing: border-box; width: ${PAGE_WIDTH + 50}px; margin: 0; padding: 24px; background: ${page}; font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; }
.card { background: ${card}; border: 1px solid ${border}; border-radius: 6px; }
.card-header { padding: 16px 24px; border-bottom: 1px solid ${border}; font-size: 16px; font-weight: 600; color: ${text}; }
.markdown-body { box-sizing: border-box; width: ${PAGE_WIDTH}px; padding: 24px; font-size: 14px; background: ${card}; }
pre.mermaid { background: ${card}; text-align: center; }
</style>
<script>
  function measure() {
    const heading = [...document.querySelectorAll('h3')].find((h) => h.textContent === 'Accounts')
    let table = heading?.nextElementSibling
    while (table && table.tagName !== 'TABLE') table = table.nextElementSibling
    const cells = table ? [...table.querySelectorAll('td, th')] : []
    const range = document.createRange()
    const lines = (node) => { range.selectNodeContents(node); return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size }
    const wrapped = cells.filter((cell) => cell.getClientRects().length > 0 && [...cell.childNodes].some((node) => lines(node) > 1)).map((cell) => cell.textContent.trim())
    const { dataset, scrollHeight } = document.documentElement
    dataset.height = String(scrollHeight)
    dataset.wrapped = JSON.stringify(wrapped)
    // GitHub's stylesheet makes a table a block as wide as the page at most, which scrolls what is wider.
    dataset.widths = JSON.stringify(table ? [table.scrollWidth, table.clientWidth] : [0, 0])
  }
</script>
</head><body>
<div class="card"><div class="card-header">engagement-quality summary</div>
<article class="markdown-body">
${html}
</article></div>
${await mermaidScript(html)}
</body></html>
`
}

/**
 * Headless Chromium with no network, no first-run work and a throwaway profile.
 * @param {string} profile
 * @param {string[]} args
 */
async function chromium(profile, args) {
  const flags = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--host-resolver-rules=MAP * ~NOTFOUND',
    `--user-data-dir=${profile}`,
    '--hide-scrollbars',
    `--force-device-scale-factor=${options.scale}`,
    '--virtual-time-budget=10000'
  ]
  const { stdout } = await run(process.env.CHROMIUM ?? 'chromium', [...flags, ...args], { timeout: 120_000, maxBuffer: 64 * 1024 * 1024 })
  return stdout
}

/** Renders one run's summary, says how its per-account table fits, and draws it; false when that table scrolls. */
async function picture(/** @type {(typeof PICTURES)[number]} */ { file, scenario, inputs, docs }, /** @type {string} */ dir) {
  const markdown = await summaryOf(scenario(), inputs)
  const page = join(dir, `${file}.html`)
  await writeFile(page, await summaryPage(markdown))
  const url = pathToFileURL(page).href
  const width = PAGE_WIDTH + 50
  const dom = await chromium(join(dir, `${file}-1`), [`--window-size=${width},800`, '--dump-dom', url])
  const height = Number(/data-height="(\d+)"/.exec(dom)?.[1])
  if (!(height > 0)) throw new Error('Chromium did not report the page height')
  const attribute = (/** @type {string} */ name, /** @type {string} */ fallback) => JSON.parse((new RegExp(`data-${name}="([^"]*)"`).exec(dom)?.[1] ?? fallback).replace(/&quot;/g, '"'))
  const wrapped = attribute('wrapped', '[]')
  const [scrollWidth, clientWidth] = attribute('widths', '[0, 0]')
  const fits = scrollWidth <= clientWidth
  console.log(
    `${file}: the per-account table is ${scrollWidth} px wide in ${clientWidth} px (${fits ? 'no sideways scroll' : 'SCROLLS SIDEWAYS'}); ` +
      `cells that wrap: ${wrapped.length === 0 ? 'none' : `${wrapped.length}, such as ${[...new Set(wrapped)].slice(0, 5).join(' | ')}`}`
  )
  if (options.check || (!docs && !options.out)) return fits
  const output = join(OUT_DIR, THEME === 'dark' ? file.replace('.png', '-dark.png') : file)
  await chromium(join(dir, `${file}-2`), [`--window-size=${width},${height}`, `--screenshot=${output}`, url])
  const size = Math.round((await stat(output)).size / 1024)
  console.log(`Wrote ${output} (${width}x${height} CSS px, ${size} KiB)`)
  return fits
}

const dir = await mkdtemp(join(tmpdir(), 'seq-screenshot-'))
try {
  await mkdir(OUT_DIR, { recursive: true })
  let allFit = true
  for (const item of PICTURES) allFit = (await picture(item, dir)) && allFit
  if (options.check && !allFit) process.exitCode = 1
} finally {
  await rm(dir, { recursive: true, force: true })
}
