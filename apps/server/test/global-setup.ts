import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { seedDemoData } from '../src/demo/seed.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PGlite: a migrated, closed data directory to copy. PostgreSQL: a migrated template database. */
    templateDir: string;
    templateUrl: string;
    /** The same with the demo data loaded (what `testApp` starts from). */
    demoTemplateDir: string;
    demoTemplateUrl: string;
  }
}

/**
 * Migrates one template per run, and a second one with the demo data loaded; every test file then gets
 * its own copy (a directory copy for PGlite, CREATE DATABASE … TEMPLATE for a server), so no file
 * re-runs migrations or reloads the demo municipalities (their catalog and reference data take seconds).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    const url = new URL(databaseUrl);
    const template = `${url.pathname.slice(1) || 'uslugi'}_tpl_${process.pid}`;
    const admin = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
    await admin.connect();
    await admin.query(`drop database if exists "${template}"`);
    await admin.query(`create database "${template}"`);
    const templateUrl = withDatabase(url, template);
    const database = await openDatabase({ databaseUrl: templateUrl });
    await migrate(database);
    await database.close();
    const demoTemplate = `${template}_demo`;
    await admin.query(`drop database if exists "${demoTemplate}"`);
    await admin.query(`create database "${demoTemplate}" template "${template}"`);
    const demoTemplateUrl = withDatabase(url, demoTemplate);
    const demo = await openDatabase({ databaseUrl: demoTemplateUrl });
    await seedDemoData(demo);
    await demo.close();
    project.provide('templateUrl', templateUrl);
    project.provide('templateDir', '');
    project.provide('demoTemplateUrl', demoTemplateUrl);
    project.provide('demoTemplateDir', '');
    return async () => {
      for (const name of [demoTemplate, template]) {
        await admin.query(`drop database if exists "${name}" with (force)`).catch(() => {});
      }
      await admin.end();
    };
  }
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'uslugi-test-'));
  const templateDir = path.join(root, 'template');
  const database = await openDatabase({ dataDir: templateDir, lock: false });
  await migrate(database);
  await database.close();
  const demoTemplateDir = path.join(root, 'template-demo');
  fs.cpSync(templateDir, demoTemplateDir, { recursive: true });
  const demo = await openDatabase({ dataDir: demoTemplateDir, lock: false });
  await seedDemoData(demo);
  await demo.close();
  project.provide('templateDir', templateDir);
  project.provide('templateUrl', '');
  project.provide('demoTemplateDir', demoTemplateDir);
  project.provide('demoTemplateUrl', '');
  return async () => {
    fs.rmSync(root, { recursive: true, force: true });
  };
}

export function withDatabase(url: URL, name: string): string {
  const copy = new URL(url.toString());
  copy.pathname = `/${name}`;
  return copy.toString();
}
