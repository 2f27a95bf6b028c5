import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/**
 * Pages of write-ahead log after which a committing connection checkpoints by itself (SQLite's default
 * is 1,000). Only a safety net while the checkpointer thread runs: it keeps the log far below this.
 */
const FALLBACK_AUTOCHECKPOINT_PAGES = 20_000;

/** How often the thread checkpoints each file. */
const INTERVAL_MS = 250;

// The thread's code: one connection per file, a PASSIVE checkpoint of each every interval (it never
// waits for readers or writers), files added and removed by message.
const THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const files = new Map();
parentPort.on('message', (message) => {
  if (message.add && !files.has(message.add)) {
    const db = new Database(message.add, { fileMustExist: true });
    db.pragma('busy_timeout = 0');
    files.set(message.add, { db, users: 0 });
  }
  if (message.add) files.get(message.add).users++;
  if (message.remove && files.has(message.remove)) {
    const entry = files.get(message.remove);
    if (--entry.users === 0) { entry.db.close(); files.delete(message.remove); }
  }
});
setInterval(() => {
  for (const { db } of files.values()) {
    try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* busy or closing: the next round tries again */ }
  }
}, workerData.intervalMs);
`;

let thread: Worker | undefined;
let registered = 0;

/**
 * Moves WAL checkpoints off the event loop. By default the connection whose commit pushes the log past
 * 1,000 pages copies the log back into the database file and fsyncs it, synchronously, inside that
 * commit: a request of the storefront paid for it (about a third of the cost of a small write, measured
 * in isolation). Registered files are checkpointed instead by one thread per process, on a connection
 * of its own, every 250 ms; the apps' connections only checkpoint themselves past 20,000 pages, should
 * the thread fall behind.
 *
 * Files in memory (`:memory:`) are not registered. Returns the function that unregisters the file.
 */
export function checkpointInBackground(db: Database.Database): () => void {
  if (db.memory) return () => undefined;
  db.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
  thread ??= startThread();
  const file = db.name;
  thread.postMessage({ add: file });
  registered++;
  let done = false;
  return () => {
    if (done) return;
    done = true;
    thread?.postMessage({ remove: file });
    if (--registered === 0) {
      void thread?.terminate();
      thread = undefined;
    }
  };
}

function startThread(): Worker {
  const worker = new Worker(THREAD, {
    eval: true,
    workerData: { driver: require.resolve('better-sqlite3'), intervalMs: INTERVAL_MS },
  });
  // The thread must never keep a process alive, nor take it down: without it, connections checkpoint by themselves.
  worker.unref();
  worker.on('error', () => {
    if (thread === worker) thread = undefined;
  });
  return worker;
}
