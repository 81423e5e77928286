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
function check(root: string, tag: string): { exitCode: number; stdout: string } {
  const child = spawnSync(process.execPath, [SCRIPT, tag], { cwd: root, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } })
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

  it.each(['v1', '1.0.0', 'v1.0.0-rc.1', 'release-1.0.0', ''])('refuses the tag "%s", which is not vMAJOR.MINOR.PATCH', async (tag) => {
    releasable ??= repository()
    expect(releaseProblems(tag, await releasable)).toEqual([
      `The release tag "${tag}" is not vMAJOR.MINOR.PATCH (for example v1.2.3); the major tag was not moved`
    ])
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
  }
  const workflow = parse(read('.github/workflows/release.yml')) as { on: unknown; jobs: Record<string, { steps: Step[] }> }
  const steps = Object.values(workflow.jobs).flatMap((job) => job.steps)
  const at = (pattern: RegExp): number => steps.findIndex((step) => pattern.test(step.run ?? ''))

  it('runs on a published release', () => {
    expect(workflow.on).toEqual({ release: { types: ['published'] } })
  })

  it('installs, builds dist/ afresh, then checks the release tag, in that order, before it moves the major tag', () => {
    const order = [at(/^npm ci\b/), at(/^npm run build$/), at(/^node scripts\/release-check\.js "\$TAG"$/), at(/git push --force origin "refs\/tags\/\$major"/)]

    expect(order.every((index) => index >= 0)).toBe(true)
    expect([...order].sort((a, b) => a - b)).toEqual(order)
    expect(steps[order[2] as number]?.env?.TAG).toBe('${{ github.event.release.tag_name }}')
    expect(steps[order[3] as number]?.if).toBe('${{ !github.event.release.prerelease }}')
  })
})
