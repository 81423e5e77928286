import { micromark } from 'micromark'
import { gfm, gfmHtml } from 'micromark-extension-gfm'

/**
 * Markdown as GitHub renders it, by micromark with its GFM extension, which follows GitHub's spec.
 * Raw HTML passes, as on GitHub (its sanitizer keeps `<details>` and `<summary>`, and drops what a
 * name could inject).
 */
export function render(markdown: string): string {
  return micromark(markdown, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] })
}

/** The text a reader sees in `html`, and finds or copies: tags out, entities decoded, invisible joiners dropped. */
export function visibleText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\u2060/g, '')
    .trim()
}
