// @ts-check
/**
 * What a release must be before its major tag moves and npm publishes it (.github/workflows/release.yml
 * runs this): the tag reads vMAJOR.MINOR.PATCH, with a pre-release part (v1.2.3-rc.1) exactly when
 * the GitHub release is marked pre-release; package.json and package-lock.json carry that version,
 * CHANGELOG.md has a dated section for it that lists something, and dist/ is what a fresh build of
 * src/ makes.
 *
 *   npm run build && node scripts/release-check.js v1.2.3 [release | prerelease]
 *
 * Run it right after `npm run build`, which rebuilds dist/ in place: dist/ is current when the build
 * left the committed files as they were. Prints an ::error:: per problem and exits 1, or one line
 * saying the release is ready. Needs git; nothing here talks to GitHub.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * Every reason the checkout in `root` cannot be released as `tag`; none when it can.
 * @param {string} tag e.g. 'v1.2.3', or 'v1.2.3-rc.1' for a pre-release
 * @param {string} root the repository's top folder
 * @param {{ prerelease?: boolean }} [release] whether the GitHub release is marked pre-release
 * @returns {string[]}
 */
export function releaseProblems(tag, root, { prerelease = false } = {}) {
  const version = /^v(\d+\.\d+\.\d+(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?)$/.exec(tag)?.[1]
  if (version === undefined)
    return [`The release tag "${tag}" is not vMAJOR.MINOR.PATCH (for example v1.2.3, or v1.2.3-rc.1 for a pre-release); the major tag was not moved and nothing was published`]
  const kind = kindProblems(tag, version.includes('-'), prerelease)
  return [...kind, ...versionProblems(version, root), ...changelogProblems(version, read(root, 'CHANGELOG.md')), ...distProblems(root)]
}

/**
 * A pre-release version goes out as a GitHub pre-release and under npm's `next`, and a release as
 * neither: npm publishes a version once, so a release published under `next` could never become `latest`.
 * @param {string} tag
 * @param {boolean} preVersion whether the tag has a pre-release part
 * @param {boolean} prerelease whether the GitHub release is marked pre-release
 * @returns {string[]}
 */
function kindProblems(tag, preVersion, prerelease) {
  if (preVersion && !prerelease) return [`${tag} is a pre-release version: mark the GitHub release as a pre-release, so that it publishes under next and the major tag stays`]
  if (!preVersion && prerelease) return [`The GitHub release is marked pre-release but ${tag} is not a pre-release version: tag it like ${tag}-rc.1, or unmark it`]
  return []
}

/**
 * @param {string} version
 * @param {string} root
 * @returns {string[]}
 */
function versionProblems(version, root) {
  const lock = JSON.parse(read(root, 'package-lock.json'))
  const versions = {
    'package.json': JSON.parse(read(root, 'package.json')).version,
    'package-lock.json': lock.version,
    'package-lock.json (its root package)': lock.packages?.['']?.version
  }
  return Object.entries(versions)
    .filter(([, found]) => found !== version)
    .map(([file, found]) => `${file} says version ${found}, not ${version}: run npm version ${version} --no-git-tag-version and commit`)
}

/**
 * The version's section must open with `## [X.Y.Z] - YYYY-MM-DD` and list at least one entry.
 * @param {string} version
 * @param {string} changelog
 * @returns {string[]}
 */
export function changelogProblems(version, changelog) {
  const lines = changelog.split(/\r?\n/)
  const heading = `## [${version}]`
  const start = lines.findIndex((line) => line === heading || line.startsWith(`${heading} `))
  const form = `${heading} - YYYY-MM-DD`
  if (start === -1) return [`CHANGELOG.md has no section for ${version}: move the Unreleased entries under "${form}"`]
  const date = /^ - (\d{4}-\d{2}-\d{2})$/.exec((lines[start] ?? '').slice(heading.length))?.[1]
  if (date === undefined || !isCalendarDate(date)) return [`CHANGELOG.md's heading "${lines[start]}" is not "${form}" with a real date`]
  const next = lines.findIndex((line, index) => index > start && line.startsWith('## '))
  const section = lines.slice(start + 1, next === -1 ? undefined : next)
  if (!section.some((line) => line.startsWith('- '))) return [`CHANGELOG.md's section for ${version} lists nothing: move the Unreleased entries under it`]
  return []
}

/** @param {string} date YYYY-MM-DD */
function isCalendarDate(date) {
  const [year, month, day] = date.split('-').map(Number)
  return new Date(Date.UTC(year ?? 0, (month ?? 0) - 1, day ?? 0)).toISOString().startsWith(date)
}

/**
 * What the build changed in dist/, as git sees it: changed, new or removed files.
 * @param {string} root
 * @returns {string[]}
 */
function distProblems(root) {
  const changed = execFileSync('git', ['status', '--porcelain', '--untracked-files=all', '--', 'dist'], { cwd: root, encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.trim() !== '')
  if (changed.length === 0) return []
  const files = changed.map((line) => line.slice(3)).join(', ')
  return [`dist/ differs from a fresh build of src/ (${files}): run npm run build, commit dist/ and tag that commit`]
}

/**
 * @param {string} root
 * @param {string} file
 */
function read(root, file) {
  return readFileSync(join(root, file), 'utf8')
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [tag = '', kind = 'release'] = process.argv.slice(2)
  const problems = ['release', 'prerelease'].includes(kind)
    ? releaseProblems(tag, process.cwd(), { prerelease: kind === 'prerelease' })
    : [`"${kind}" is not a kind of release: pass release or prerelease after the tag`]
  for (const problem of problems) console.log(`::error::${problem}`)
  if (problems.length > 0) process.exit(1)
  console.log(`${tag} is ready: package.json, package-lock.json and CHANGELOG.md name ${tag.slice(1)}, and dist/ is a fresh build`)
}
