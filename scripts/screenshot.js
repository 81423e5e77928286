// @ts-check
/**
 * Makes docs/summary.png, the README's picture of the job summary, from the demo's real output:
 * the built action (dist/index.js) runs against the SEQ simulator with the inputs of `npm run demo`,
 * and the summary it writes is rendered as GitHub-flavoured Markdown with GitHub's stylesheet
 * (github-markdown-css) in headless Chromium.
 *
 *   npm run build && node scripts/screenshot.js
 *
 * Run by hand when the summary changes; CI does not. Needs Debian's Chromium and an emoji font
 * (`apt-get install chromium fonts-noto-color-emoji`; CHROMIUM=/path overrides the binary). A summary
 * with a Mermaid chart also needs Mermaid: `npm install --no-save mermaid`, or
 * MERMAID_JS=/path/to/mermaid.min.js. Nothing leaves the machine: the simulator listens on 127.0.0.1,
 * Chromium opens one local file and resolves no host names.
 */
import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { Marked } from 'marked'
import { DEMO_INPUTS, demoScenario } from '../sim/scenarios.js'
import { DEFAULT_API_KEY, startSimulator } from '../sim/simulator.js'
import { runDist } from './run-action.js'

const OUTPUT = fileURLToPath(new URL('../docs/summary.png', import.meta.url))
const require = createRequire(import.meta.url)
const run = promisify(execFile)

/** The narrowest page; a wider summary widens it. */
const PAGE_WIDTH = 1280
const SCALE = 1

async function demoSummary() {
  const simulator = await startSimulator(demoScenario())
  try {
    const { summary } = await runDist({ ...DEMO_INPUTS, 'api-key': DEFAULT_API_KEY, 'base-url': simulator.url })
    if (!summary.trim()) throw new Error('dist/index.js wrote no job summary; run npm run build first')
    return summary
  } finally {
    await simulator.close()
  }
}

/** @param {string} text */
function escapeHtml(text) {
  return text.replace(/[&<>"]/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[char] ?? char)
}

/** GFM as GitHub renders it, with ```mermaid blocks left for Mermaid to draw, as GitHub does. */
function markdownToHtml(/** @type {string} */ markdown) {
  const marked = new Marked({ gfm: true })
  marked.use({
    renderer: {
      code({ text, lang }) {
        return lang === 'mermaid' ? `<pre class="mermaid">${escapeHtml(text)}</pre>\n` : false
      }
    }
  })
  return /** @type {string} */ (marked.parse(markdown))
}

/** @param {string} markdown */
async function mermaidScript(markdown) {
  if (!/^```mermaid$/m.test(markdown)) return ''
  const path = process.env.MERMAID_JS ?? resolveMermaid()
  const source = (await readFile(path, 'utf8')).replace(/<\/script/gi, '<\\/script')
  return `<script>${source}</script>
<script>
  mermaid.initialize({ startOnLoad: false, theme: 'default' })
  mermaid.run({ querySelector: 'pre.mermaid' }).finally(measure)
</script>`
}

function resolveMermaid() {
  try {
    return require.resolve('mermaid/dist/mermaid.min.js')
  } catch {
    throw new Error('The summary has a Mermaid chart: npm install --no-save mermaid, or set MERMAID_JS=/path/to/mermaid.min.js')
  }
}

/**
 * The summary inside a card like the one GitHub draws around a job summary. `measure()` leaves the
 * page's size in the DOM for the first Chromium run to report: a wide table widens the picture
 * rather than being cut or scrolled.
 * @param {string} markdown
 */
async function summaryPage(markdown) {
  const css = await readFile(require.resolve('github-markdown-css/github-markdown-light.css'), 'utf8')
  const mermaid = await mermaidScript(markdown)
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Job summary</title>
<style>
${css}
body { box-sizing: border-box; width: fit-content; min-width: 100vw; margin: 0; padding: 24px; background: #f6f8fa; font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; }
.card { background: #fff; border: 1px solid #d1d9e0; border-radius: 6px; }
.card-header { padding: 16px 24px; border-bottom: 1px solid #d1d9e0; font-size: 16px; font-weight: 600; color: #1f2328; }
.markdown-body { padding: 24px; font-size: 14px; }
.markdown-body table { max-width: none; }
pre.mermaid { background: #fff; text-align: center; }
</style>
<script>
  function measure() {
    const { dataset, scrollWidth, scrollHeight } = document.documentElement
    dataset.size = scrollWidth + 'x' + scrollHeight
  }
</script>
</head><body>
<div class="card"><div class="card-header">engagement-quality summary</div>
<article class="markdown-body">
${markdownToHtml(markdown)}
</article></div>
${mermaid || '<script>measure()</script>'}
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
    `--force-device-scale-factor=${SCALE}`,
    '--virtual-time-budget=10000'
  ]
  const { stdout } = await run(process.env.CHROMIUM ?? 'chromium', [...flags, ...args], { timeout: 120_000, maxBuffer: 64 * 1024 * 1024 })
  return stdout
}

async function main() {
  const markdown = await demoSummary()
  const dir = await mkdtemp(join(tmpdir(), 'seq-screenshot-'))
  try {
    const page = join(dir, 'summary.html')
    await writeFile(page, await summaryPage(markdown))
    const url = pathToFileURL(page).href
    const dom = await chromium(join(dir, 'profile-1'), [`--window-size=${PAGE_WIDTH},800`, '--dump-dom', url])
    const [, width = 0, height = 0] = (/data-size="(\d+)x(\d+)"/.exec(dom) ?? []).map(Number)
    if (!(width > 0 && height > 0)) throw new Error('Chromium did not report the page size')
    await mkdir(fileURLToPath(new URL('.', pathToFileURL(OUTPUT))), { recursive: true })
    await chromium(join(dir, 'profile-2'), [`--window-size=${width},${height}`, `--screenshot=${OUTPUT}`, url])
    console.log(`Wrote ${OUTPUT} (${width}x${height} CSS px, ${Math.round((await stat(OUTPUT)).size / 1024)} KiB)`)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

await main()
