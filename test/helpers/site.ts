import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Root } from 'hast'
import { selectAll } from 'hast-util-select'
import { rehype } from 'rehype'
import { listFiles } from '../../src/emit/write-output.ts'

const parser = rehype()

export interface BuiltPage {
  /** Path of the HTML file relative to the output directory. */
  readonly file: string
  /** The URL path it is served at. */
  readonly url: string
  readonly html: string
  readonly tree: Root
}

export async function readSite(directory: string): Promise<{ files: string[]; pages: BuiltPage[] }> {
  const files = await listFiles(directory)
  const pages = await Promise.all(
    files
      .filter((file) => file.endsWith('.html'))
      .map(async (file) => {
        const html = await readFile(path.join(directory, file), 'utf8')
        return { file, url: `/${file.replace(/index\.html$/, '')}`, html, tree: parser.parse(html) }
      }),
  )
  return { files, pages }
}

/** The ids of a page's elements (what a `#fragment` can point at). */
export function ids(tree: Root): Set<string> {
  return new Set(selectAll('[id]', tree).map((node) => String(node.properties['id'])))
}

/** Every file below a directory, by its path relative to it, with its text. */
export async function readTree(directory: string): Promise<Record<string, string>> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true })
  const files = entries.filter((entry) => entry.isFile()).map((entry) => path.relative(directory, path.join(entry.parentPath, entry.name))).sort()
  return Object.fromEntries(await Promise.all(files.map(async (file) => [file, await readFile(path.join(directory, file), 'utf8')] as const)))
}
