import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Element, Root } from 'hast'
import rehypeParse from 'rehype-parse'
import { unified } from 'unified'
import { visit } from 'unist-util-visit'
import { listFiles } from '../../src/emit/write-output.ts'

const parser = unified().use(rehypeParse)

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

export function elements(tree: Root, tagName: string): Element[] {
  const found: Element[] = []
  visit(tree, 'element', (node: Element) => {
    if (node.tagName === tagName) found.push(node)
  })
  return found
}

export function ids(tree: Root): Set<string> {
  const found = new Set<string>()
  visit(tree, 'element', (node: Element) => {
    if (typeof node.properties['id'] === 'string') found.add(node.properties['id'])
  })
  return found
}

export function textOf(node: Element): string {
  let text = ''
  visit(node, 'text', (child: { value: string }) => {
    text += child.value
  })
  return text
}
