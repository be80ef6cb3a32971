// Loaded into the Astro child of `clausewright build` (node --import): the child ends when the
// CLI that started it dies. A SIGKILL gives the CLI no chance to stop it, and the child no signal;
// only its parent process id changes (to init, or a subreaper), which is what is watched.
import { setInterval } from 'node:timers'

const parent = process.ppid
setInterval(() => {
  if (process.ppid !== parent) process.exit(1)
}, 200).unref()
