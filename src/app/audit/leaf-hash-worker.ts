import { hash } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';

/**
 * The worker side of workerLeafHasher: H(0x00 ‖ UTF-8(leaf)) for each leaf of a page (RFC 6962
 * §2.1), answered as one transferred buffer of concatenated digests.
 */
const algorithm = (workerData as { algorithm: string }).algorithm;

parentPort?.on('message', (leaves: string[]) => {
  let size = 0;
  let digests = new Uint8Array(0);
  leaves.forEach((leaf, index) => {
    const digest = hash(algorithm, `\u0000${leaf}`, 'buffer');
    if (index === 0) {
      size = digest.length;
      digests = new Uint8Array(size * leaves.length);
    }
    digests.set(digest, index * size);
  });
  parentPort?.postMessage({ digests: digests.buffer, size }, [digests.buffer]);
});
