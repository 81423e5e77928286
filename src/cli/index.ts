#!/usr/bin/env node
/**
 * The command line's entry. It checks the Node.js version before anything else loads, so that an
 * older Node gets one line and exit 2 instead of a failure halfway through a run; then it loads
 * and runs seq-gate (main.ts). It uses nothing an old Node cannot parse or run.
 */

/** The oldest Node.js seq-gate runs on, as package.json's `engines` declares (a test keeps the two equal). */
const OLDEST_NODE_MAJOR = 22

if (Number(process.versions.node.split('.')[0]) < OLDEST_NODE_MAJOR) {
  process.stderr.write(`seq-gate needs Node.js ${OLDEST_NODE_MAJOR} or later; this is v${process.versions.node}\n`)
  process.exitCode = 2
} else {
  await import('./main.js')
}
