/**
 * A function that replaces every occurrence of `secret` with `***`; an empty secret changes nothing.
 * A text without the secret comes back as it is, not copied: job summaries and bodies run to a megabyte.
 */
export function redactor(secret: string): (text: string) => string {
  return secret === '' ? (text) => text : (text) => text.replaceAll(secret, '***')
}
