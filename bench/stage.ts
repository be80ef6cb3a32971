// One benchmark stage in a process of its own, for its peak memory: node bench/stage.ts <name> <dir>
import { stages } from './stages.ts'

const [name = '', directory = ''] = process.argv.slice(2)
const stage = stages[name]
if (!stage) throw new Error(`unknown stage ${name}`)
await stage.run(await stage.prepare(directory))
