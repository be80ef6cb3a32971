/** The blobs of one `git cat-file --batch` answer, or the header line where it answered otherwise. */
export type CatFileBatch = { readonly blobs: ReadonlyArray<{ readonly header: string; readonly content: Buffer }> } | { readonly unexpected: string }

/**
 * Splits `git cat-file --batch`'s answer for `count` objects asked for, each a blob:
 * `<object> blob <size>\n<content>\n`, repeated. Any other answer (`<object> missing`, another
 * type, a header cut short) is `unexpected`, with its header line, for the caller's message.
 */
export function splitCatFileBatch(output: Buffer, count: number): CatFileBatch {
  const blobs: Array<{ header: string; content: Buffer }> = []
  let offset = 0
  for (let index = 0; index < count; index++) {
    const end = output.indexOf(0x0a, offset)
    const header = output.subarray(offset, end).toString('utf8')
    const [, type, sizeText] = header.split(' ')
    const size = Number(sizeText)
    if (end === -1 || type !== 'blob' || !Number.isSafeInteger(size)) return { unexpected: header }
    blobs.push({ header, content: output.subarray(end + 1, end + 1 + size) })
    offset = end + 1 + size + 1
  }
  return { blobs }
}
