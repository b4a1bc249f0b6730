/** An extraction worker body that never finishes a task: what a pathological input would be. */
import { parentPort } from 'node:worker_threads';

parentPort!.on('message', () => {
  for (;;);
});
