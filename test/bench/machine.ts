import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { REPO_ROOT } from './apps';

/** Where and with what a benchmark ran. */
export interface Machine {
  date: string;
  cpu: string;
  cores: number;
  memoryGiB: number;
  /** 1-minute load average when the run started (other work on the machine skews every figure). */
  loadAtStart: number;
  versions: Record<string, string>;
}

function versionOf(pkg: string): string {
  try {
    const json = JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as {
      version: string;
    };
    return json.version;
  } catch {
    return 'not installed';
  }
}

function sqliteVersion(): string {
  const db = new Database(':memory:');
  try {
    return (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  } finally {
    db.close();
  }
}

/** The machine (cpu model, cores, memory), the date and the versions of the runtime, framework and drivers. */
export function describeMachine(): Machine {
  const cpu = cpus();
  return {
    date: new Date().toISOString(),
    cpu: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    loadAtStart: Math.round(loadavg()[0] * 100) / 100,
    versions: {
      node: process.versions.node,
      '@nestjs/core': versionOf('@nestjs/core'),
      '@nestjs/platform-fastify': versionOf('@nestjs/platform-fastify'),
      fastify: versionOf('fastify'),
      'better-sqlite3': versionOf('better-sqlite3'),
      sqlite: sqliteVersion(),
      mongodb: versionOf('mongodb'),
      '@eventstore/db-client': versionOf('@eventstore/db-client'),
    },
  };
}
