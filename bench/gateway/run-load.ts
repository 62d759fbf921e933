/** Runs the load generator (load.ts) as a child process, so that it does not share the server's event loop. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { LoadFigures, LoadPlan } from './load.ts';

export type { LoadFigures, LoadPlan };

/** One run of the load process; resolves with its figures. */
export function runLoad(plan: LoadPlan): Promise<LoadFigures> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--disable-warning=TimeoutNegativeWarning', join(import.meta.dirname, 'load.ts'), JSON.stringify(plan)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.on('error', reject);
    child.on('exit', (code) => {
      const last = output.trim().split('\n').at(-1);
      if (code !== 0 || !last) return reject(new Error(`load process exited with ${code}`));
      resolve(JSON.parse(last) as LoadFigures);
    });
  });
}
