/** A text's size as GitHub counts its limits: UTF-8 bytes. */
export function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8')
}

/** Pieces of text are gathered to about this size before they are written. */
const CHUNK_CHARS = 64 * 1024

/**
 * `pieces` gathered into chunks of about 64 KiB: a report of 20,000 accounts is written in a few
 * hundred writes rather than one per line, and never held whole.
 */
export function* inChunks(pieces: Iterable<string>): Generator<string> {
  let chunk = ''
  for (const piece of pieces) {
    chunk += piece
    if (chunk.length < CHUNK_CHARS) continue
    yield chunk
    chunk = ''
  }
  if (chunk !== '') yield chunk
}
