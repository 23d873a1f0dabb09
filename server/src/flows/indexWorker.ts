/**
 * Entry of an indexing worker thread (bundled as server/out/indexWorker.js): the index's job loop
 * (`index/worker.ts`) with the extractor that adds the flow markers to the entities (`marks.ts`).
 */
import { serveIndexJobs } from '../index/worker';
import { anchorsWithMarks, extractWithMarks, literalsWithMarks } from './marks';

serveIndexJobs(extractWithMarks, anchorsWithMarks, literalsWithMarks);
