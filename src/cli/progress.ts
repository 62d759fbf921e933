import { createRequire } from 'node:module';

/**
 * cli-progress is loaded when a bar is first drawn on a terminal: it is sixteen modules, and
 * `custos scan` in a publishing pipeline (no terminal) starts without them.
 */
const require = createRequire(import.meta.url);

/** A progress bar on stderr when it is a terminal; plain lines otherwise, so logs stay readable. */
export function progressBar(title: string): { update(done: number, total: number, label: string): void; stop(): void } {
  if (!process.stderr.isTTY) {
    let last = -1;
    return {
      update(done, total, label) {
        const percent = Math.floor((done / Math.max(total, 1)) * 100);
        if (percent >= last + 10 || done === total) {
          last = percent;
          process.stderr.write(`${title} ${percent}% (${done}/${total}) ${label}\n`);
        }
      },
      stop() {},
    };
  }
  const { SingleBar } = require('cli-progress') as typeof import('cli-progress');
  const bar = new SingleBar({ format: `${title} [{bar}] {percentage}% {value}/{total} {label}`, stream: process.stderr, hideCursor: true }, undefined);
  let started = false;
  return {
    update(done, total, label) {
      if (!started) {
        bar.start(total, 0, { label: '' });
        started = true;
      }
      bar.setTotal(total);
      bar.update(done, { label });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
