import { EOL } from 'node:os'

/**
 * The few runner commands the Action needs before @actions/core is loaded, written exactly as
 * @actions/core writes them (same variable names, same escaping).
 */

/** An input's value as the runner passes it: INPUT_<NAME>, spaces to underscores, hyphens kept. */
export function readInput(name: string): string {
  return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim()
}

/** `::add-mask::`, `::error::` and the like; the runner hides masked values from every later line. */
export function issueCommand(command: 'add-mask' | 'error' | 'warning', message: string): void {
  process.stdout.write(`::${command}::${escapeData(message)}${EOL}`)
}

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}
