/**
 * Runs `task` one run at a time, and each request after a run that starts after it: a request made
 * while a run is under way waits for it and then runs once more, so the last run reads what the
 * last request saw. Requests made during one run share the next run (an editor's save or a Git
 * checkout changes several files at once: one run follows, not one per file). The promise of a
 * request settles with the run that serves it.
 */
export function latestWins(task: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined
  let next: Promise<void> | undefined
  const start = (): Promise<void> => {
    const run = task().finally(() => {
      running = undefined
    })
    running = run
    return run
  }
  return () => {
    if (next) return next
    if (!running) return start()
    // A failed run is its own request's to report: the next one runs all the same.
    next = running
      .catch(() => undefined)
      .then(() => {
        next = undefined
        return start()
      })
    return next
  }
}
