import pino from 'pino';
import type { CalendarDay, CalendarStatus, CalendarYear, TermResult } from '@uslugi/contracts';
import { calendarJobs } from '../src/modules/calendar/recompute-terms.js';
import { JobWorker } from '../src/platform/jobs/queue.js';
import type { Agent, TestApp } from './harness.js';

export interface ErrorBody {
  code: string;
  message: string;
  fields?: Array<{ path: string; message: string }>;
}

export async function days(agent: Agent, year: number): Promise<Map<string, CalendarDay>> {
  const res = await agent.request({
    method: 'GET',
    url: `/api/v1/calendars/${agent.municipalityId}/days?year=${year}`,
  });
  if (res.statusCode !== 200) throw new Error(`days ${year}: ${res.body}`);
  return new Map((res.json() as CalendarYear).days.map((day) => [day.date, day]));
}

/** GET …/terms with the given query string; throws unless 200. */
export async function term(agent: Agent, query: string): Promise<TermResult> {
  const res = await agent.request({
    method: 'GET',
    url: `/api/v1/calendars/${agent.municipalityId}/terms?${query}`,
  });
  if (res.statusCode !== 200) throw new Error(`term ${query}: ${res.body}`);
  return res.json() as TermResult;
}

export async function dueDate(agent: Agent, from: string, workingDays: number): Promise<string> {
  return (await term(agent, `from=${from}&workingDays=${workingDays}`)).dueDate;
}

export async function status(agent: Agent): Promise<CalendarStatus> {
  const res = await agent.request({ method: 'GET', url: `/api/v1/calendars/${agent.municipalityId}/status` });
  if (res.statusCode !== 200) throw new Error(`status: ${res.body}`);
  return res.json() as CalendarStatus;
}

/** Runs the calendar's queued jobs to the end, as the worker process would; returns how many ran. */
export async function runCalendarJobs(t: TestApp): Promise<number> {
  const worker = new JobWorker({
    database: t.database,
    logger: pino({ level: 'silent' }),
    handlers: calendarJobs(t.database),
  });
  let ran = 0;
  while (await worker.runOnce()) ran++;
  return ran;
}

export async function journalOf(agent: Agent, objectType: string, objectId: string) {
  const res = await agent.request({
    method: 'GET',
    url: `/api/v1/journal?objectType=${objectType}&objectId=${encodeURIComponent(objectId)}`,
  });
  return (res.json() as { items: Array<{ action: string; payload: Record<string, unknown> }> }).items;
}
