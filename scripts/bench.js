// @ts-check
/**
 * `npm run bench [-- --latency 100] [--only every-subuser] [--runs 1]`: the built action (dist/index.js, run as the runner runs it)
 * against the SEQ simulator with injected latency per request. Prints one table: figure, value,
 * target. Timing lives here, never in the unit tests. Build first (`npm run build`).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { cpus, loadavg, totalmem, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { performance } from 'node:perf_hooks'
import { fetch } from 'undici'
import { bulkScenario, bulkUsername } from '../sim/scenarios.js'
import { addDays, DEFAULT_API_KEY, SCORES_PATH, startSimulator, utcToday } from '../sim/simulator.js'
import { DIST_ENTRY, runDist } from './run-action.js'

const { values } = parseArgs({ options: { latency: { type: 'string', default: '100' }, only: { type: 'string', multiple: true }, runs: { type: 'string' }, 'with-files': { type: 'boolean', default: false } } })
const LATENCY_MS = Number(values.latency)
const TODAY = utcToday()

/** @typedef {{ figure: string, value: string, target: string, ok?: boolean }} Row */

/** @type {Row[]} */
const rows = []
/** @param {Row} row */
const report = (row) => {
  rows.push(row)
  console.error(`  ${row.figure}: ${row.value}`)
}

/** @param {number} count */
const usernames = (count) => Array.from({ length: count }, (_, index) => bulkUsername(index + 1))
/** @param {number} ms */
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`
/** @param {number[]} values */
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN

/**
 * Runs dist/index.js with `inputs` against a simulator, measuring the child's wall time, peak RSS
 * and CPU time (from a preload that reports process.resourceUsage() at exit).
 * @param {import('../sim/simulator.js').SimulatorOptions} simulatorOptions
 * @param {Record<string, string>} inputs
 */
async function measuredRun(simulatorOptions, inputs) {
  /** @type {number[]} */
  const arrivals = []
  const simulator = await startSimulator({
    ...simulatorOptions,
    today: TODAY,
    latencyMs: () => {
      arrivals.push(performance.now())
      return LATENCY_MS
    }
  })
  const dir = await mkdtemp(join(tmpdir(), 'seq-bench-'))
  const usageFile = join(dir, 'usage.json')
  const preload = join(dir, 'usage.mjs')
  await writeFile(
    preload,
    `import { writeFileSync } from 'node:fs'\nprocess.on('exit', () => writeFileSync(${JSON.stringify(usageFile)}, JSON.stringify(process.resourceUsage())))\n`
  )
  try {
    const started = performance.now()
    const run = await runDist(
      { 'api-key': DEFAULT_API_KEY, 'base-url': simulator.url, 'poll-interval': '100ms', ...inputs },
      { NODE_OPTIONS: `--import=${pathToFileURL(preload).href}` }
    )
    const wallMs = performance.now() - started
    /** @type {NodeJS.ResourceUsage} */
    const usage = JSON.parse(await readFile(usageFile, 'utf8'))
    // The scores' requests, and apart from them the Stats requests that explain the accounts in breach.
    const [requests, statsRequests] = [true, false].map((scores) => simulator.requests.filter((request) => request.path.startsWith('/v3/engagementquality/') === scores))
    return { run, wallMs, usage, requests: requests ?? [], statsRequests: statsRequests ?? [], arrivals, firstArrival: arrivals[0] ?? started }
  } finally {
    await simulator.close()
    await rm(dir, { recursive: true, force: true })
  }
}

async function listedSubusers() {
  const names = usernames(800).slice(100, 600)
  const { run, wallMs, requests, statsRequests } = await measuredRun(bulkScenario(800, { today: TODAY }), {
    subusers: names.join('\n'),
    from: addDays(TODAY, -30),
    to: addDays(TODAY, -1),
    'fail-on-breach': 'false'
  })
  if (run.exitCode !== 0) throw new Error(`the listed-subusers run failed:\n${run.stdout}`)
  report({ figure: 'Requests: 500 listed of 800 subusers x 30 days', value: String(requests.length), target: '30 (one listing per day), not 500', ok: requests.length === 30 })
  report({ figure: 'Stats requests: explaining the 500 in breach (explain: true)', value: String(statsRequests.length), target: '<= 30 (3 for each of the worst 10)', ok: statsRequests.length > 0 && statsRequests.length <= 30 })
  report({ figure: `Wall time: 500 listed x 30 days, ${LATENCY_MS} ms latency (built action, cold start and explanation included)`, value: seconds(wallMs), target: '< 3 s', ok: wallMs < 3000 })
}

/** What a shell loop does: one on-behalf-of request per subuser, one after another; a sample, scaled up. */
async function naiveLoop() {
  const sample = 20
  const simulator = await startSimulator({ ...bulkScenario(800, { today: TODAY }), latencyMs: LATENCY_MS })
  try {
    const started = performance.now()
    for (const name of usernames(sample)) {
      const response = await fetch(`${simulator.url}${SCORES_PATH}?from=${addDays(TODAY, -30)}&to=${addDays(TODAY, -1)}`, {
        headers: { authorization: `Bearer ${DEFAULT_API_KEY}`, 'on-behalf-of': name }
      })
      await response.json()
    }
    const perRequestMs = (performance.now() - started) / sample
    report({
      figure: `Naive: 500 subusers one request each, sequential (${sample} measured, x25)`,
      value: seconds(perRequestMs * 500),
      target: 'comparison (~50 s)'
    })
  } finally {
    await simulator.close()
  }
}

/** Peak memory moves with when V8 happens to collect: the worst of a few runs is reported (`--runs` sets how many). */
const MEMORY_RUNS = values.runs === undefined ? 3 : Number(values.runs)
/** Whether the full-retention case writes junit-file and metrics-file as well (`--with-files`). */
const WITH_FILES = values['with-files'] === true

/**
 * `*` over every subuser of a large account, every one of them in breach on some days, with the
 * JUnit and OpenMetrics files written as well.
 * @typedef {object} EverySubuserCase
 * @property {number} count subusers
 * @property {number} days the range, ending yesterday
 * @property {number} peakMb what the peak RSS must stay under
 * @property {number} [junitMb] what the junit-file must stay under, when it has a target
 * @property {boolean} [files] whether the run writes junit-file and metrics-file too (default true)
 */

/** `*` over 20,000 subusers and 30 days: 600,000 records. */
const everySubuser = () => everySubuserCase({ count: 20_000, days: 30, peakMb: 200, junitMb: 10 })
/**
 * SendGrid's full retention for a large reseller: `*` over 100,000 subusers and 90 days, 9,000,000
 * records, with the action's defaults (issue 20's case); `--with-files` writes junit-file and
 * metrics-file as well, two more passes over every record.
 */
const fullRetention = () => everySubuserCase({ count: 100_000, days: 90, peakMb: 256, files: WITH_FILES })

/** @param {EverySubuserCase} size */
async function everySubuserCase(size) {
  const files = await mkdtemp(join(tmpdir(), 'seq-bench-files-'))
  try {
    const written = size.files === false ? undefined : { junitFile: join(files, 'seq-gate.xml'), metricsFile: join(files, 'seq-gate.prom') }
    await everySubuserWritingTo(size, written)
  } finally {
    await rm(files, { recursive: true, force: true })
  }
}

/**
 * @param {EverySubuserCase} size
 * @param {{ junitFile: string, metricsFile: string } | undefined} files where the run writes them; none when undefined
 */
async function everySubuserWritingTo({ count, days, peakMb, junitMb }, files) {
  const name = `${count / 1000}k x ${days} days${files ? ' with junit-file and metrics-file' : ''}`
  /** @type {Record<string, string>} */
  const written = files ? { 'junit-file': files.junitFile, 'metrics-file': files.metricsFile } : {}
  const inputs = { subusers: '*', from: addDays(TODAY, -days), to: addDays(TODAY, -1), 'fail-on-breach': 'false', ...written }
  const runOnce = () => measuredRun(bulkScenario(count, { today: TODAY }), inputs)
  /** The machine's 1-minute load average before and after each run: other work moves the figures. */
  /** @type {string[]} */
  const loads = []
  const oneMinuteLoad = () => (loadavg()[0] ?? 0).toFixed(2)
  const loadedRun = async () => {
    const before = oneMinuteLoad()
    const measured = await runOnce()
    loads.push(`${before} to ${oneMinuteLoad()}`)
    return measured
  }
  let measured = await loadedRun()
  const peaksMb = [measured.usage.maxRSS / 1024]
  while (peaksMb.length < MEMORY_RUNS && measured.run.exitCode === 0) {
    measured = await loadedRun()
    peaksMb.push(measured.usage.maxRSS / 1024)
  }
  const { run, wallMs, usage, requests } = measured
  const expected = days * Math.ceil(count / 1000)
  const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000
  const summaryBytes = Buffer.byteLength(run.summary)
  const outputBytes = Object.values(run.outputs).map((value) => Buffer.byteLength(value))
  const requestBoundMs = Math.ceil(expected / 4) * LATENCY_MS
  const rssMb = Math.max(...peaksMb)
  const peaks = `${rssMb.toFixed(0)} MB (${peaksMb.length} runs: ${peaksMb.map((peak) => peak.toFixed(0)).join(', ')}; load average ${loads.join('; ')})`
  const countText = count.toLocaleString('en-US')
  report({ figure: `Requests: * with ${countText} subusers x ${days} days`, value: String(requests.length), target: `${expected} (${days} x ceil(${count}/1000))`, ok: requests.length === expected })
  if (run.exitCode !== 0) {
    const error = run.stdout.split('\n').find((line) => line.startsWith('::error::')) ?? `exit code ${run.exitCode}`
    report({ figure: `${name}: the run`, value: `failed: ${error.slice(0, 120)}`, target: 'completes', ok: false })
    report({ figure: `${name}: peak RSS until it failed`, value: peaks, target: `< ${peakMb} MB`, ok: rssMb < peakMb })
    return
  }
  report({ figure: `${name} (${(count * days).toLocaleString('en-US')} records): peak RSS, worst run`, value: peaks, target: `< ${peakMb} MB`, ok: rssMb < peakMb })
  report({
    figure: `${name}: wall time (${LATENCY_MS} ms latency; requests alone ${seconds(requestBoundMs)} at concurrency 4)`,
    value: `${seconds(wallMs)}, action CPU ${seconds(cpuMs)}`,
    target: 'dominated by requests (CPU < 50% of wall)',
    ok: cpuMs < wallMs / 2
  })
  report({ figure: `${name}: job summary`, value: `${(summaryBytes / 1024).toFixed(0)} KiB`, target: '< 1024 KiB', ok: summaryBytes < 1024 * 1024 })
  report({
    figure: `${name}: outputs`,
    value: `largest ${(Math.max(...outputBytes) / 1000).toFixed(0)} kB, all ${(outputBytes.reduce((a, b) => a + b, 0) / 1000).toFixed(0)} kB`,
    target: 'each < 1 MB',
    ok: Math.max(...outputBytes) < 1_000_000
  })
  if (files === undefined) return
  const junitFileMb = statSync(files.junitFile).size / 1e6
  report({
    figure: `${name}: junit-file (a test per account)`,
    value: `${junitFileMb.toFixed(1)} MB`,
    target: junitMb === undefined ? 'streamed: within the peak RSS above' : `< ${junitMb} MB`,
    ok: junitMb === undefined ? undefined : junitFileMb < junitMb
  })
  report({ figure: `${name}: metrics-file (10 series per account)`, value: `${(statSync(files.metricsFile).size / 1e6).toFixed(1)} MB`, target: 'streamed: within the peak RSS above' })
}

async function polling() {
  /** @type {string[]} */
  const polls = []
  let worst = 0
  for (const readyMs of [1000, 2000, 4000, 8000, 16000]) {
    const { run, requests, arrivals } = await measuredRun(
      { parent: { username: 'acme' }, pending: { ms: readyMs } },
      { from: 'yesterday', 'wait-timeout': '2m' }
    )
    if (run.exitCode !== 0) throw new Error(`the polling run failed:\n${run.stdout}`)
    const noticedMs = (arrivals.at(-1) ?? 0) - (arrivals[0] ?? 0)
    worst = Math.max(worst, noticedMs / readyMs)
    polls.push(`T=${readyMs / 1000}s: ${requests.length} polls, seen at ${(noticedMs / readyMs).toFixed(2)} T`)
  }
  report({ figure: 'Polling: ready at T, poll-interval 100 ms, seen at (worst)', value: `${worst.toFixed(2)} T`, target: '<= 1.5 T', ok: worst <= 1.5 })
  report({ figure: 'Polling: polls by T (doubling T adds ~1.7 polls)', value: polls.join('; '), target: 'grows with log T' })
}

async function pacing() {
  const names = usernames(40)
  const { run, requests, wallMs } = await measuredRun(
    { ...bulkScenario(40, { today: TODAY }), rateLimit: { limit: 15, windowMs: 1000 } },
    { subusers: names.join(','), from: addDays(TODAY, -60), to: addDays(TODAY, -1), 'fail-on-breach': 'false' }
  )
  if (run.exitCode !== 0) throw new Error(`the pacing run failed:\n${run.stdout}`)
  report({
    figure: '429s: 40 subusers x 60 days under a 15-per-second limit (retries = requests - 40)',
    value: `${requests.length - names.length} (${requests.length} requests in ${seconds(wallMs)})`,
    target: '0',
    ok: requests.length === names.length
  })
}

/** `node dist/index.js` failing on the missing api-key, against `node -e 0`, interleaved in the same run. */
function coldStart() {
  const env = { PATH: process.env.PATH ?? '' }
  /** @param {string[]} args */
  const time = (args) => {
    const started = performance.now()
    spawnSync(process.execPath, args, { env, stdio: 'ignore' })
    return performance.now() - started
  }
  /** @type {number[]} */
  const bare = []
  /** @type {number[]} */
  const action = []
  for (let run = 0; run < 21; run++) {
    bare.push(time(['-e', '0']))
    action.push(time([DIST_ENTRY]))
  }
  const ratio = median(action) / median(bare)
  report({
    figure: 'Cold start: node dist/index.js failing on a missing input vs node -e 0 (medians of 21)',
    value: `${median(action).toFixed(0)} ms vs ${median(bare).toFixed(0)} ms = ${ratio.toFixed(2)}x`,
    target: '<= 1.5x',
    ok: ratio <= 1.5
  })
}

/** The entry alone is what a failing input loads; the chunks beside it load once the inputs are valid. */
function bundle() {
  const dist = join(DIST_ENTRY, '..')
  const files = readdirSync(dist).filter((name) => name.endsWith('.js'))
  const bytes = files.reduce((sum, name) => sum + statSync(join(dist, name)).size, 0)
  const entry = statSync(DIST_ENTRY).size
  const value = `${(bytes / 1e6).toFixed(2)} MB in all (entry ${(entry / 1e6).toFixed(2)} MB, ${files.length - 1} lazily loaded chunks)`
  report({ figure: 'Bundle: dist/index.js and its chunks', value, target: '< 1.5 MB', ok: bytes < 1.5e6 })
}

/** Whether a file under src/ changed after dist/index.js was built. */
function staleBundle() {
  const built = statSync(DIST_ENTRY).mtimeMs
  const src = fileURLToPath(new URL('../src/', import.meta.url))
  return readdirSync(src, { recursive: true }).some((name) => statSync(join(src, String(name))).mtimeMs > built)
}

if (!existsSync(DIST_ENTRY)) throw new Error('dist/index.js is missing: run npm run build first')
if (staleBundle()) console.error('warning: src/ changed after dist/index.js was built; run npm run build for current figures')
console.error(`Benchmarking dist/index.js against the simulator, ${LATENCY_MS} ms per request (Node ${process.version}, ${cpus().length} CPUs, ${(totalmem() / 2 ** 30).toFixed(0)} GiB)`)
/** Every part of the bench, by the name `--only` takes (repeatable). */
const parts = { bundle, 'cold-start': coldStart, listed: listedSubusers, naive: naiveLoop, pacing, polling, 'every-subuser': everySubuser, 'full-retention': fullRetention }
for (const [name, part] of Object.entries(parts)) if (!values.only || values.only.includes(name)) await part()

const mark = /** @param {Row} row */ (row) => (row.ok === undefined ? '' : row.ok ? 'yes' : '**no**')
console.log('| Figure | Value | Target | Met |')
console.log('|---|---|---|---|')
for (const row of rows) console.log(`| ${row.figure} | ${row.value} | ${row.target} | ${mark(row)} |`)
process.exitCode = rows.every((row) => row.ok !== false) ? 0 : 1
