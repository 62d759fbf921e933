/**
 * Runs `task` every `intervalMs`, never two runs at once. While a run answers true (more work is
 * waiting, such as a full batch) it runs again at once, so a backlog drains. Errors go to
 * `onError` and the loop goes on; the timer does not keep the process alive. Returns stop().
 */
export function runEvery(task: () => Promise<boolean>, intervalMs: number, onError: (error: unknown) => void): () => void {
  let running = false;
  let stopped = false;
  async function tick(): Promise<void> {
    if (running || stopped) return;
    running = true;
    try {
      while (!stopped && (await task()));
    } catch (error) {
      onError(error);
    } finally {
      running = false;
    }
  }
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
