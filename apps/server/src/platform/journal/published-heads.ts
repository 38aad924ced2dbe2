import { readPublishedHeads, type PublishedHeadLine } from './publish.js';

/**
 * The published heads a verification holds the journal against, with what a person should know of the
 * file: where it is, lines that are not heads, heads of another installation (another CA: a fresh
 * demo database beside an old file) left aside. Heads without an installation mark are all taken.
 */
export function publishedHeadsFor(
  file: string,
  installation: string | undefined,
): { heads: PublishedHeadLine[]; notes: string[] } {
  const read = readPublishedHeads(file);
  const heads = read.heads.filter((h) => !installation || !h.installation || h.installation === installation);
  const others = read.heads.length - heads.length;
  const notes = [
    read.heads.length === 0 && read.problems.length === 0
      ? `Опубликованных голов журнала нет (файл ${file}): сверка с ними не проводится`
      : `Опубликованные головы журнала: ${file}, голов: ${heads.length}`,
    ...read.problems.map((p) => `Внимание: файл опубликованных голов, ${p.reason}`),
    ...(others > 0 ? [`Пропущено голов другой установки (другой удостоверяющий центр): ${others}`] : []),
  ];
  return { heads, notes };
}
