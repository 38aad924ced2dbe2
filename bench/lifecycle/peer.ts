/**
 * The peer baseline: the sample address service's case lifecycle (receive → take into work →
 * «Сведения получены» → «Рассмотрение завершено» → the decision) as a BPMN process on `bpmn-engine`,
 * run in memory: every stage a user task that is signalled as soon as it waits, the decision an
 * exclusive gateway. Cases completed per second, beside ours through the API (persisted and journaled).
 */
import { EventEmitter } from 'node:events';
import { Engine } from 'bpmn-engine';
import type { Figure } from './figure.js';
import { fmt } from './http-load.js';

const SOURCE = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="address" targetNamespace="http://bpmn.io/schema/bpmn">
  <process id="addressCase" isExecutable="true">
    <startEvent id="received" />
    <sequenceFlow id="f1" sourceRef="received" targetRef="intake" />
    <userTask id="intake" name="Принять и зарегистрировать" />
    <sequenceFlow id="f2" sourceRef="intake" targetRef="assign" />
    <userTask id="assign" name="Назначить мне" />
    <sequenceFlow id="f3" sourceRef="assign" targetRef="requests" />
    <userTask id="requests" name="Сведения получены" />
    <sequenceFlow id="f4" sourceRef="requests" targetRef="review" />
    <userTask id="review" name="Рассмотрение завершено" />
    <sequenceFlow id="f5" sourceRef="review" targetRef="decision" />
    <userTask id="decision" name="Решение" />
    <sequenceFlow id="f6" sourceRef="decision" targetRef="outcome" />
    <exclusiveGateway id="outcome" default="toRefusal" />
    <sequenceFlow id="toGrant" sourceRef="outcome" targetRef="approveGrant">
      <conditionExpression xsi:type="tFormalExpression">\${environment.output.grant}</conditionExpression>
    </sequenceFlow>
    <sequenceFlow id="toRefusal" sourceRef="outcome" targetRef="approveRefusal" />
    <endEvent id="approveGrant" name="На подписание: присвоение" />
    <endEvent id="approveRefusal" name="На подписание: отказ" />
  </process>
</definitions>`;

/**
 * The definition parsed once (as a deployed process is): the serialized context bpmn-engine made of
 * the XML, handed to every case's engine.
 */
async function parsedOnce(): Promise<unknown> {
  const [definition] = await new Engine({ source: SOURCE }).getDefinitions();
  return (definition as unknown as { environment: { options: { source: unknown } } }).environment.options
    .source;
}

interface WaitApi {
  id: string;
  owner: { environment: { output: Record<string, unknown> } };
  signal(message?: unknown): void;
}

/** One case: a fresh engine, every waiting user task signalled at once; resolves at the process's end. */
async function runCase(n: number, sourceContext: unknown): Promise<void> {
  const engine = new Engine({ name: `case-${n}`, sourceContext: sourceContext as never });
  const listener = new EventEmitter();
  listener.on('wait', (api: WaitApi) => {
    if (api.id === 'decision') api.owner.environment.output.grant = true;
    api.signal();
  });
  const ended = engine.waitFor('end');
  await engine.execute({ listener });
  await ended;
}

export interface PeerOptions {
  log: (line: string) => void;
  /** Cases run on bpmn-engine (default 5 000). */
  cases?: number;
  /** Cases in flight at once (default 50, as our 50 clients). */
  concurrency?: number;
  /** Ours, as `httpRun` measured it in the same run: the ratio is printed when given. */
  ours?: Figure;
}

export async function peerFigures(options: PeerOptions): Promise<Figure[]> {
  const cases = options.cases ?? 5_000;
  const concurrency = options.concurrency ?? 50;
  const context = await parsedOnce();
  for (let i = 0; i < 200; i++) await runCase(i, context); // warm-up
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < cases) await runCase(next++, context);
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const rate = cases / seconds;
  options.log(
    `bpmn-engine: ${cases} дел за ${fmt(seconds, 2)} с, ${fmt(rate, 0)} дел/с (в памяти, без сохранения)`,
  );
  const peer: Figure = {
    group: 'peer',
    name: 'bpmn-engine: тот же жизненный цикл в памяти',
    value: rate,
    unit: 'дел/с',
    note: `${cases} дел, ${concurrency} одновременно, процесс из 5 пользовательских задач и развилки решения, XML разобран один раз; без сохранения состояния и журнала`,
  };
  const figures = [peer];
  if (options.ours) {
    const ratio = options.ours.value / rate;
    figures.push({
      ...options.ours,
      baseline: { name: peer.name, value: rate, unit: 'дел/с' },
      ratio,
      higherIsBetter: true,
      note: `${options.ours.note ?? ''}; ${fmt(ratio, 3)}× bpmn-engine (наши — с записью в БД и журнал)`,
    });
    options.log(
      `  наши: ${fmt(options.ours.value)} дел/с = ${fmt(ratio, 3)}× bpmn-engine (наши — с записью в БД и журнал)`,
    );
  }
  return figures;
}
