import { describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { DEFAULT_API_KEY } from '../sim/simulator.js'
import { runCommand } from './support/cli.js'

/**
 * The npm package, seq-gate: what its tarball holds (`npm pack --dry-run --json`, as `npm publish`
 * packs it), and that it installs as a user without network access would install it: `npm pack`,
 * then `npm install --global` of the tarball into a prefix, with an empty cache and --offline, then
 * the installed `seq-gate` against the simulator started as docs/cli.md shows (`node sim/serve.js`).
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url))

/** `node sim/serve.js`, stopped by `stop()`, and the URL it printed once listening. */
async function serveSimulator(args: string[]): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [join(ROOT, 'sim', 'serve.js'), ...args], { stdio: ['ignore', 'pipe', 'inherit'] })
  const exited = new Promise((resolve) => child.once('exit', resolve))
  const stop = async (): Promise<void> => {
    child.kill('SIGTERM')
    await exited
  }
  try {
    const [line] = await createInterface({ input: child.stdout })[Symbol.asyncIterator]().next().then((next) => [next.value as string])
    return { url: (JSON.parse(line ?? '') as { url: string }).url, stop }
  } catch (error) {
    await stop()
    throw error
  }
}

interface PackageJson {
  name: string
  version: string
  private?: boolean
  bin: Record<string, string>
  engines: Record<string, string>
  dependencies?: Record<string, string>
  repository: { url: string }
}

describe('the npm package', () => {
  it('is seq-gate, public, and holds the bundled command line, README, LICENSE, CHANGELOG and package.json, nothing else', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'seq-gate-pack-'))
    try {
      const packed = await runCommand('npm', ['pack', '--dry-run', '--json'], { HOME: dir }, ROOT)
      expect(packed.exitCode).toBe(0)
      const [tarball] = JSON.parse(packed.stdout) as { name: string; files: { path: string }[] }[]
      const bundle = (await readdir(join(ROOT, 'dist', 'cli'))).map((file) => `dist/cli/${file}`)

      expect(tarball?.name).toBe('seq-gate')
      expect(tarball?.files.map((file) => file.path).sort()).toEqual(['CHANGELOG.md', 'LICENSE', 'README.md', 'package.json', ...bundle].sort())
      expect(bundle).toContain('dist/cli/index.js')
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('declares what npm needs to run it and to publish it with provenance: no private flag, the bin, engines, no dependencies, the repository', async () => {
    const manifest = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as PackageJson

    expect(manifest.private).toBeUndefined()
    expect(manifest.bin).toEqual({ 'seq-gate': 'dist/cli/index.js' })
    expect(manifest.engines.node).toBe('>=22')
    // Everything it runs is bundled into dist/cli, so an offline install needs nothing else.
    expect(manifest.dependencies).toBeUndefined()
    // npm refuses provenance for a package whose repository is not the one that built it.
    expect(manifest.repository.url).toBe('git+https://github.com/sendgrid-engagement-quality-gate/action.git')
  })
})

describe('installing the CLI from a packed tarball', () => {
  it('works offline, puts seq-gate on the prefix\'s PATH, and checks the simulator', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'seq-gate-install-'))
    const simulator = await serveSimulator(['--port', '0', '--no-pending'])
    try {
      // HOME in the folder too: no user .npmrc, no registry, no cache of this machine's.
      const env = { HOME: dir }
      const packed = await runCommand('npm', ['pack', '--pack-destination', dir, '--silent'], env, ROOT)
      expect(packed.exitCode).toBe(0)
      const [tarball] = (await readdir(dir)).filter((name) => name.endsWith('.tgz'))
      const npmFlags = ['--prefix', join(dir, 'prefix'), '--cache', join(dir, 'cache'), '--offline', '--no-audit', '--no-fund']
      const installed = await runCommand('npm', ['install', '--global', join(dir, tarball ?? ''), ...npmFlags], env, dir)
      expect(installed).toMatchObject({ exitCode: 0 })

      const path = `${join(dir, 'prefix', 'bin')}:${process.env.PATH}`
      const { version } = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string }
      expect(await runCommand('seq-gate', ['--version'], { PATH: path })).toEqual({ exitCode: 0, stdout: `seq-gate ${version}\n`, stderr: '' })
      const run = await runCommand('seq-gate', ['--base-url', simulator.url, '--subusers', 'marketing', '--no-summary'], { PATH: path, SENDGRID_API_KEY: DEFAULT_API_KEY })
      expect(run).toMatchObject({ exitCode: 0, stdout: 'SendGrid engagement quality passed: 1 account at or above threshold, lowest score 4\n' })
    } finally {
      await simulator.stop()
      await rm(dir, { recursive: true, force: true })
    }
  })
})
