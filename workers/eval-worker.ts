// Piscina entry point: a thin shim over src/worker-main.ts.
import { workerData } from 'piscina';
import { type WorkerInit, workerMain } from '../src/parallel/worker-main.ts';

export default workerMain(workerData as WorkerInit);
