/**
 * An indexing worker thread: takes index jobs from the pool, runs them, and sends back segments as
 * they fill, moving their buffers instead of copying them. The extractor comes from the worker's
 * entry file, a layer above (`flows/indexWorker.ts`, bundled as server/out/indexWorker.js, adds the
 * flow markers to the entities).
 */
import { parentPort } from 'node:worker_threads';
import type { Anchors, Extract, Literals } from './indexer';
import { JobRunner, transferList, type FromWorker, type ToWorker } from './jobRunner';

export function serveIndexJobs(extract: Extract, anchors?: Anchors, literals?: Literals): void {
  const port = parentPort;
  if (!port) return;
  const runner = new JobRunner(extract, anchors, literals);
  const send = (m: FromWorker, transfer: ArrayBuffer[] = []): void => port.postMessage(m, transfer);
  port.on('message', (m: ToWorker) => {
    switch (m.type) {
      case 'index': {
        let lastProgress = 0;
        runner
          .run(
            m.jobId,
            m.spec,
            m.formatDirs,
            (segment) => send({ type: 'segment', jobId: m.jobId, segment }, transferList(segment)),
            (bytes) => {
              // Progress at most every 8 MB: messages are cheap, not free.
              if (bytes - lastProgress < 8 << 20) return;
              lastProgress = bytes;
              send({ type: 'progress', jobId: m.jobId, bytes });
            },
          )
          .then(
            (summary) => send({ type: 'done', jobId: m.jobId, summary }),
            (e: unknown) =>
              send({ type: 'error', jobId: m.jobId, message: e instanceof Error ? e.message : String(e) }),
          );
        break;
      }
      case 'scan':
        runner.scan(m.jobId, m.request, m.formatDirs).then(
          (result) => send({ type: 'scanned', jobId: m.jobId, result }),
          (e: unknown) =>
            send({ type: 'scanned', jobId: m.jobId, message: e instanceof Error ? e.message : String(e) }),
        );
        break;
      case 'warm':
        runner.warm(m.formatDirs);
        break;
      case 'cancel':
        runner.cancel(m.jobId);
        break;
      case 'pause':
        runner.pause();
        break;
      case 'resume':
        runner.resume();
        break;
    }
  });
}
