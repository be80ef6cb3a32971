import { expect, test } from 'vitest'
import { describeMachineFault, machineFaultOf } from '../../src/diagnostics/machine-fault.ts'

const fault = (code: string, path?: string) => Object.assign(new Error(`${code}: failed`), { code, ...(path === undefined ? {} : { path }) })

test.each([
  ['ENOSPC', 'no space is left on the device'],
  ['EDQUOT', 'the disk quota is exceeded'],
  ['EROFS', 'the file system is read-only'],
  ['EACCES', 'permission denied'],
  ['EPERM', 'the operation is not permitted'],
  ['EIO', 'the device reported an input/output error'],
])('%s is a fault of the machine, described in words with its code and path', (code, words) => {
  const found = machineFaultOf(fault(code, '/srv/dist'))
  expect(found?.code).toBe(code)
  expect(found && describeMachineFault(found)).toBe(`${words} (${code}) at \`/srv/dist\``)
})

test('a fault without a path is placed in the directory being written, or nowhere', () => {
  const found = machineFaultOf(fault('ENOSPC'))
  expect(found && describeMachineFault(found, '/srv/.dist-1')).toBe('no space is left on the device (ENOSPC) at `/srv/.dist-1`')
  expect(found && describeMachineFault(found)).toBe('no space is left on the device (ENOSPC)')
  // The error's own path wins over the directory.
  const placed = machineFaultOf(fault('EROFS', '/srv/dist/index.html'))
  expect(placed && describeMachineFault(placed, '/srv/.dist-1')).toBe('the file system is read-only (EROFS) at `/srv/dist/index.html`')
})

test('a fault is found through the errors that wrap it, at most four deep', () => {
  const wrapped = (depth: number) => {
    let error: Error = fault('EIO', '/dev/sda')
    for (let level = 1; level < depth; level += 1) error = new Error(`level ${level}`, { cause: error })
    return error
  }
  expect(machineFaultOf(wrapped(1))?.code).toBe('EIO')
  expect(machineFaultOf(wrapped(4))?.code).toBe('EIO')
  expect(machineFaultOf(wrapped(5))).toBeUndefined()
})

test('anything else is not a fault of the machine: another code, no code, a code that is not text, a value that is not an error', () => {
  expect(machineFaultOf(fault('ENOENT', '/srv/dist'))).toBeUndefined()
  expect(machineFaultOf(fault('toString'))).toBeUndefined()
  expect(machineFaultOf(new Error('plain'))).toBeUndefined()
  expect(machineFaultOf(Object.assign(new Error('numeric'), { code: 28 }))).toBeUndefined()
  expect(machineFaultOf({ code: 'ENOSPC' })).toBeUndefined()
  expect(machineFaultOf(undefined)).toBeUndefined()
})
