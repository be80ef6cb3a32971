// Loaded into the Astro child of `clausewright build` (node --import): the child ends when the
// CLI that started it dies. A SIGKILL gives the CLI no chance to stop it, and the child no signal;
// only its parent process id changes (to init, or a subreaper), which is what is watched. The CLI
// names itself: it may have died before this runs.
import { setInterval } from 'node:timers'

const parent = Number(process.env.CLAUSEWRIGHT_PARENT_PID)
const check = () => {
  if (process.ppid !== parent) process.exit(1)
}
check()
setInterval(check, 200).unref()
