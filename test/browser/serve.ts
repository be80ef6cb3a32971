import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json',
  '.jsonld': 'application/ld+json',
  '.atom': 'application/atom+xml',
  '.css': 'text/css',
}

/** A request the server answered: its path and the status it got. */
export interface ServedRequest {
  readonly path: string
  readonly status: number
}

/**
 * A static file server on 127.0.0.1, as a static host would serve dist/: `dir/` is
 * `dir/index.html`, and a path that is no file gets the site's 404.html (status 404), as GitHub
 * Pages, Netlify and Cloudflare Pages answer. Every request is recorded in `requests`.
 */
export async function serve(root: string): Promise<{ url: string; requests: ServedRequest[]; close: () => Promise<void> }> {
  const requests: ServedRequest[] = []
  const server: Server = createServer((request, response) => {
    void (async () => {
      const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname)
      response.on('finish', () => requests.push({ path: pathname, status: response.statusCode }))
      let file = path.join(root, pathname)
      if (!file.startsWith(root)) file = root
      const info = await stat(file).catch(() => undefined)
      if (info?.isDirectory()) file = path.join(file, 'index.html')
      const found = await stat(file).catch(() => undefined)
      if (!found?.isFile()) {
        const notFound = path.join(root, '404.html')
        if (!(await stat(notFound).catch(() => undefined))?.isFile()) {
          response.writeHead(404).end('not found')
          return
        }
        response.writeHead(404, { 'Content-Type': types['.html'] })
        createReadStream(notFound).pipe(response)
        return
      }
      response.writeHead(200, { 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream' })
      createReadStream(file).pipe(response)
    })()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}`, requests, close: () => new Promise((resolve) => server.close(() => resolve())) }
}
