import { describe, expect, it } from '@jest/globals'
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { releaseProblems } from '../scripts/release-check.js'
import { temporaryFolder } from './support/temp.js'

/**
 * The release check (scripts/release-check.js) dry-run on small git repositories made here, as the
 * release workflow runs it right after `npm run build`, and the workflow's wiring. Nothing talks to GitHub.
 */

const SCRIPT = fileURLToPath(new URL('../scripts/release-check.js', import.meta.url))
const read = (path: string): string => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8')

const CHANGELOG = `# Changelog

## [Unreleased]

## [1.0.0] - 2026-12-01

### Added

- The gate.

## [0.9.0] - 2026-11-02

- An older entry.
`

interface Release {
  version?: string
  lockVersion?: string
  changelog?: string
}

/** A committed repository as the release workflow checks it out: a version, a changelog and a built dist/. */
async function repository({ version = '1.0.0', lockVersion = version, changelog = CHANGELOG }: Release = {}): Promise<string> {
  const root = await temporaryFolder('seq-release-')
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'gate', version }))
  writeFileSync(join(root, 'package-lock.json'), JSON.stringify({ name: 'gate', version: lockVersion, lockfileVersion: 3, packages: { '': { name: 'gate', version: lockVersion } } }))
  writeFileSync(join(root, 'CHANGELOG.md'), changelog)
  git(root, 'init', '--quiet')
  mkdirSync(join(root, 'dist', 'cli'), { recursive: true })
  writeFileSync(join(root, 'dist', 'index.js'), 'built()\n')
  writeFileSync(join(root, 'dist', 'cli', 'index.js'), 'cli()\n')
  git(root, 'add', '--all')
  git(root, '-c', 'user.name=Release test', '-c', 'user.email=release@example.com', '-c', 'commit.gpgsign=false', 'commit', '--quiet', '--message', 'Release')
  return root
}

function git(root: string, ...args: string[]): void {
  execFileSync('git', args, { cwd: root, stdio: 'pipe' })
}

/** The script as the workflow runs it: its ::error:: lines and exit code. */
function check(root: string, tag: string, kind = 'release'): { exitCode: number; stdout: string } {
  const child = spawnSync(process.execPath, [SCRIPT, tag, kind], { cwd: root, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } })
  return { exitCode: child.status ?? -1, stdout: child.stdout }
}

describe('scripts/release-check.js', () => {
  /** One repository that passes, for the cases that change only the tag. */
  let releasable: Promise<string> | undefined

  it('passes a tagged commit whose versions, changelog and dist/ agree, and says so', async () => {
    const run = check(await repository(), 'v1.0.0')

    expect(run).toEqual({ exitCode: 0, stdout: 'v1.0.0 is ready: package.json, package-lock.json and CHANGELOG.md name 1.0.0, and dist/ is a fresh build\n' })
  })

  it('fails with an ::error:: per problem, all of them at once', async () => {
    const root = await repository({ version: '0.9.0', changelog: '# Changelog\n\n## [Unreleased]\n\n- Everything.\n' })
    writeFileSync(join(root, 'dist', 'index.js'), 'rebuilt()\n')
    const run = check(root, 'v1.0.0')

    expect(run.exitCode).toBe(1)
    expect(run.stdout.split('\n')).toEqual([
      '::error::package.json says version 0.9.0, not 1.0.0: run npm version 1.0.0 --no-git-tag-version and commit',
      '::error::package-lock.json says version 0.9.0, not 1.0.0: run npm version 1.0.0 --no-git-tag-version and commit',
      '::error::package-lock.json (its root package) says version 0.9.0, not 1.0.0: run npm version 1.0.0 --no-git-tag-version and commit',
      '::error::CHANGELOG.md has no section for 1.0.0: move the Unreleased entries under "## [1.0.0] - YYYY-MM-DD"',
      '::error::dist/ differs from a fresh build of src/ (dist/index.js): run npm run build, commit dist/ and tag that commit',
      ''
    ])
  })

  it.each(['v1', '1.0.0', 'v1.0.0-', 'v1.0.0-rc..1', 'v1.0.0+build.5', 'release-1.0.0', ''])('refuses the tag "%s", which is not vMAJOR.MINOR.PATCH', async (tag) => {
    releasable ??= repository()
    expect(releaseProblems(tag, await releasable)).toEqual([
      `The release tag "${tag}" is not vMAJOR.MINOR.PATCH (for example v1.2.3, or v1.2.3-rc.1 for a pre-release); the major tag was not moved and nothing was published`
    ])
  })

  it('passes a pre-release tag on a release marked pre-release, with its own dated section', async () => {
    const changelog = `${CHANGELOG.replace('## [1.0.0]', '## [1.1.0-rc.1] - 2026-12-02\n\n- A candidate.\n\n## [1.0.0]')}`
    const run = check(await repository({ version: '1.1.0-rc.1', changelog }), 'v1.1.0-rc.1', 'prerelease')

    expect(run).toEqual({ exitCode: 0, stdout: 'v1.1.0-rc.1 is ready: package.json, package-lock.json and CHANGELOG.md name 1.1.0-rc.1, and dist/ is a fresh build\n' })
  })

  it('refuses a pre-release version on a release, and a release version on a pre-release: npm takes each version once', async () => {
    const changelog = `${CHANGELOG.replace('## [1.0.0]', '## [1.1.0-rc.1] - 2026-12-02\n\n- A candidate.\n\n## [1.0.0]')}`
    const candidate = await repository({ version: '1.1.0-rc.1', changelog })
    releasable ??= repository()

    expect(releaseProblems('v1.1.0-rc.1', candidate)).toEqual([
      'v1.1.0-rc.1 is a pre-release version: mark the GitHub release as a pre-release, so that it publishes under next and the major tag stays'
    ])
    expect(releaseProblems('v1.0.0', await releasable, { prerelease: true })).toEqual([
      'The GitHub release is marked pre-release but v1.0.0 is not a pre-release version: tag it like v1.0.0-rc.1, or unmark it'
    ])
    expect(check(await releasable, 'v1.0.0', 'pre-release')).toEqual({ exitCode: 1, stdout: '::error::"pre-release" is not a kind of release: pass release or prerelease after the tag\n' })
  })

  it('refuses a package-lock.json that disagrees with package.json', async () => {
    expect(releaseProblems('v1.0.0', await repository({ lockVersion: '0.1.0' }))).toEqual([
      'package-lock.json says version 0.1.0, not 1.0.0: run npm version 1.0.0 --no-git-tag-version and commit',
      'package-lock.json (its root package) says version 0.1.0, not 1.0.0: run npm version 1.0.0 --no-git-tag-version and commit'
    ])
  })

  it.each([
    ['has no date', '## [1.0.0]\n\n- The gate.\n', 'CHANGELOG.md\'s heading "## [1.0.0]" is not "## [1.0.0] - YYYY-MM-DD" with a real date'],
    ['has a date that is not YYYY-MM-DD', '## [1.0.0] - 1 Dec 2026\n\n- The gate.\n', 'CHANGELOG.md\'s heading "## [1.0.0] - 1 Dec 2026" is not "## [1.0.0] - YYYY-MM-DD" with a real date'],
    ['has a date no calendar has', '## [1.0.0] - 2026-02-30\n\n- The gate.\n', 'CHANGELOG.md\'s heading "## [1.0.0] - 2026-02-30" is not "## [1.0.0] - YYYY-MM-DD" with a real date'],
    ['lists nothing', '## [Unreleased]\n\n- The gate.\n\n## [1.0.0] - 2026-12-01\n\n## [0.9.0] - 2026-11-02\n\n- Older.\n', 'CHANGELOG.md\'s section for 1.0.0 lists nothing: move the Unreleased entries under it'],
    ['names only another version', '## [1.0.1] - 2026-12-01\n\n- The gate.\n', 'CHANGELOG.md has no section for 1.0.0: move the Unreleased entries under "## [1.0.0] - YYYY-MM-DD"']
  ])('refuses a CHANGELOG.md whose section for the version %s', async (_case, changelog, problem) => {
    expect(releaseProblems('v1.0.0', await repository({ changelog: `# Changelog\n\n${changelog}` }))).toEqual([problem])
  })

  it.each([
    ['a changed file', (root: string) => writeFileSync(join(root, 'dist', 'cli', 'index.js'), 'cli(2)\n'), 'dist/cli/index.js'],
    ['a file the build adds', (root: string) => writeFileSync(join(root, 'dist', '421.index.js'), 'chunk()\n'), 'dist/421.index.js'],
    ['a file the build no longer makes', (root: string) => rmSync(join(root, 'dist', 'index.js')), 'dist/index.js']
  ])('refuses a dist/ that a fresh build changed: %s', async (_case, rebuild, file) => {
    const root = await repository()
    rebuild(root)
    expect(releaseProblems('v1.0.0', root)).toEqual([`dist/ differs from a fresh build of src/ (${file}): run npm run build, commit dist/ and tag that commit`])
  })
})

describe('this repository', () => {
  it('carries one version in package.json and package-lock.json, and CHANGELOG.md names it with a date', () => {
    const { version } = JSON.parse(read('package.json')) as { version: string }
    const lock = JSON.parse(read('package-lock.json')) as { version: string; packages: Record<string, { version?: string }> }

    expect([lock.version, lock.packages['']?.version]).toEqual([version, version])
    expect(read('CHANGELOG.md')).toMatch(new RegExp(`^## \\[${version.replace(/\./g, '\\.')}\\] - \\d{4}-\\d{2}-\\d{2}$`, 'm'))
  })
})

describe('.github/workflows/release.yml', () => {
  interface Step {
    name?: string
    uses?: string
    run?: string
    if?: string
    env?: Record<string, string>
    'continue-on-error'?: unknown
  }
  interface Job {
    steps: Step[]
    if?: string
    'continue-on-error'?: unknown
  }
  const workflow = parse(read('.github/workflows/release.yml')) as { on: unknown; permissions: Record<string, string>; jobs: Record<string, Job> }
  const jobs = Object.values(workflow.jobs)
  const steps = jobs.flatMap((job) => job.steps)
  const at = (pattern: RegExp): number => steps.findIndex((step) => pattern.test(step.run ?? ''))
  const KIND = "${{ github.event.release.prerelease && 'prerelease' || 'release' }}"

  it('runs on a published release', () => {
    expect(workflow.on).toEqual({ release: { types: ['published'] } })
  })

  it('installs, builds dist/ afresh, then checks the release tag, in that order, before it moves the major tag', () => {
    const order = [at(/^npm ci\b/), at(/^npm run build$/), at(/^node scripts\/release-check\.js "\$TAG" "\$KIND"$/), at(/git push --force origin "refs\/tags\/\$major"/)]

    expect(order.every((index) => index >= 0)).toBe(true)
    expect([...order].sort((a, b) => a - b)).toEqual(order)
    expect(steps[order[2] as number]?.env).toEqual({ TAG: '${{ github.event.release.tag_name }}', KIND })
    expect(steps[order[3] as number]?.if).toBe('${{ !github.event.release.prerelease }}')
  })

  it('publishes to npm with provenance last, in the one job, only when every step before it passed (the release check among them)', () => {
    const publish = at(/^npm publish\b/)
    const check = at(/^node scripts\/release-check\.js /)

    expect(jobs).toHaveLength(1)
    expect(publish).toBe(steps.length - 1)
    expect(check).toBeGreaterThanOrEqual(0)
    expect(check).toBeLessThan(publish)
    // A step without `if` runs only on success; `continue-on-error` anywhere would let a refused tag through.
    expect(steps[publish]?.if).toBeUndefined()
    expect(steps.some((step) => step['continue-on-error'] !== undefined) || jobs.some((job) => job['continue-on-error'] !== undefined || job.if !== undefined)).toBe(false)
    expect(steps[publish]?.run).toBe('npm publish --provenance --access public --tag "$DIST_TAG"')
    expect(steps[publish]?.env).toEqual({ DIST_TAG: "${{ github.event.release.prerelease && 'next' || 'latest' }}" })
    expect(workflow.permissions['id-token']).toBe('write')
  })

  it('publishes with an npm that supports trusted publishing (11.5.1 or later)', () => {
    const upgrade = at(/^npm install --global npm@/)
    expect(upgrade).toBeGreaterThan(at(/^node scripts\/release-check\.js /))
    expect(steps[upgrade]?.run).toMatch(/npm@\^11\.5\.1 /)
  })
})
