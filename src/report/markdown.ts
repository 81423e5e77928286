/**
 * Text from outside (account names, SendGrid's messages) as GitHub renders it: literally. GitHub's
 * renderer is cmark-gfm with the table, strikethrough and autolink extensions, and measured there:
 * a backslash stops `~` (strikethrough), `&` (entities), `www.` and `https://` (links), but not an
 * e-mail address, which only a character that cannot be part of one stops (a word joiner before `@`).
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/[\\|`*_<>[\]~&]/g, (char) => `\\${char}`)
    .replace(/\b(www)\./gi, '$1\\.')
    .replace(/:\/\//g, '\\://')
    .replace(/@/g, `${WORD_JOINER}@`)
}

const WORD_JOINER = '\u2060'

/** Text inside raw HTML, such as a `<summary>`: Markdown is not parsed there, so HTML escapes apply. */
export function escapeHtml(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ').replace(/[&<>"]/g, (char) => HTML_ENTITIES[char] ?? char)
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }

/** A Markdown table: a header row, an alignment row (`l` or `r` per column), then the rows. */
export function tableHead(columns: readonly (readonly [title: string, align: 'l' | 'r'])[]): string {
  const titles = columns.map(([title]) => title)
  const alignments = columns.map(([, align]) => (align === 'r' ? '--:' : '---'))
  return `${tableRow(titles)}\n${tableRow(alignments)}`
}

export function tableRow(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`
}
