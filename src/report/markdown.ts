/** Keeps account names and messages from breaking out of a table cell, a legend or into HTML. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\|`*_<>[\]]/g, (char) => `\\${char}`).replace(/[\r\n]+/g, ' ')
}
