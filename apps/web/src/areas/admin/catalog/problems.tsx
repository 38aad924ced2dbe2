import type { DefinitionProblem } from '@uslugi/contracts';

export interface ProblemGroup {
  /** `card`, `form`, or a stage's key. */
  part: string;
  title: string;
  problems: DefinitionProblem[];
}

/** The problems grouped by where they are: the card, each stage in the map's order, the form. */
export function groupProblems(
  problems: readonly DefinitionProblem[],
  stages: readonly { key: string; name: string }[],
): ProblemGroup[] {
  const groups = new Map<string, ProblemGroup>();
  const titleOf = (part: string) => {
    if (part === 'card') return 'Карточка услуги';
    if (part === 'form') return 'Форма заявления';
    const stage = stages.find((item) => item.key === part);
    if (stage) return `Этап «${stage.name}»`;
    return part === 'techMap' || part === 'map' ? 'Технологическая схема' : `Этап «${part}»`;
  };
  for (const problem of problems) {
    const part = problem.stageKey ?? problem.part;
    const group = groups.get(part) ?? { part, title: titleOf(part), problems: [] };
    group.problems.push(problem);
    groups.set(part, group);
  }
  const order = (part: string) => {
    if (part === 'card') return -2;
    if (part === 'form') return 10_000;
    const index = stages.findIndex((stage) => stage.key === part);
    return index === -1 ? -1 : index;
  };
  return [...groups.values()].sort((a, b) => order(a.part) - order(b.part));
}

/** Problems of one stage, at the stage itself. */
export function problemsOfStage(problems: readonly DefinitionProblem[], stageKey: string) {
  return problems.filter((problem) => (problem.stageKey ?? problem.part) === stageKey);
}

/**
 * What stands in the way of publishing, grouped by where it is. `title` says whose words they are:
 * the server's refusal to publish, or the check of the definition as it is edited.
 */
export function ProblemsPanel({
  problems,
  stages,
  title,
  kind,
}: {
  problems: readonly DefinitionProblem[];
  stages: readonly { key: string; name: string }[];
  title: string;
  kind: 'error' | 'warn';
}) {
  if (problems.length === 0) return null;
  const groups = groupProblems(problems, stages);
  return (
    <section
      className={`notice notice-${kind} problems`}
      role={kind === 'error' ? 'alert' : 'status'}
      aria-label={title}
      data-testid="definition-problems"
    >
      <strong>{title}</strong>
      {groups.map((group) => (
        <div key={group.part} className="problems-group" data-testid={`problems-${group.part}`}>
          <div className="problems-title">{group.title}</div>
          <ul>
            {group.problems.map((problem, index) => (
              <li key={`${problem.code}-${index}`}>{problem.message}</li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

/** At a stage in the map's form: its own problems. */
export function StageProblems({ problems }: { problems: readonly DefinitionProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <ul className="stage-problems" aria-label="Замечания к этапу">
      {problems.map((problem, index) => (
        <li key={`${problem.code}-${index}`}>{problem.message}</li>
      ))}
    </ul>
  );
}
