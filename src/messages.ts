/**
 * What every message shares, whichever layer makes it: how it names a setting in the face's terms,
 * how the API key is kept out of it, and what an error says.
 */

/**
 * How a face names what its user sets, so that a message made deep in the engine speaks the face's
 * terms: the Action names its inputs and the secret behind api-key, the command line its flags and
 * the environment variable that holds the key. Messages name a setting by its input name and let
 * the face's wording spell it.
 */
export interface Wording {
  /** A setting by its input name: `wait-timeout` in the Action, `--wait-timeout` on the command line. */
  setting(input: string): string
  /** A setting with a value: `region: eu` in the Action, `--region eu` on the command line. */
  settingTo(input: string, value: string): string
  /** Where the API key comes from: `the api-key secret` in the Action, `SENDGRID_API_KEY` on the command line. */
  readonly keySource: string
}

/** The Action's wording, and the default for every message. */
export const ACTION_WORDING: Wording = {
  setting: (input) => input,
  settingTo: (input, value) => `${input}: ${value}`,
  keySource: 'the api-key secret'
}

/**
 * A function that replaces every occurrence of `secret` with `***`; an empty secret changes nothing.
 * A text without the secret comes back as it is, not copied: job summaries and bodies run to a megabyte.
 */
export function redactor(secret: string): (text: string) => string {
  return secret === '' ? (text) => text : (text) => text.replaceAll(secret, '***')
}

/** What an error says, whatever was thrown. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
