import { ReturnForRevisionSchema, type CaseActionView, type CaseCard } from '@uslugi/contracts';
import { useState } from 'react';
import { ReasonDialog } from '../../../components/ReasonDialog';
import { Notice } from '../../../components/Notice';
import { errorWithFields } from '../../../lib/errors';
import { useCaseCommand } from './api';
import { ApproveDialog } from './ApproveDialog';
import { AssignDialog } from './AssignDialog';
import { DecisionDialog } from './DecisionDialog';
import { MoveDialog } from './MoveDialog';

type Open = { kind: 'assign' } | { kind: 'action'; action: CaseActionView } | null;

/**
 * What the viewer may do with the case now: «Назначить мне», the head's «Назначить исполнителя», and
 * the current stage's actions exactly as the server lists them (labels of the pinned map).
 */
export function CaseActions({ card, onNotice }: { card: CaseCard; onNotice: (text: string) => void }) {
  const [open, setOpen] = useState<Open>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const takeIt = useCaseCommand(card.id, 'assign-to-me');
  const stageName = (key: string) => card.techMap.stages.find((stage) => stage.key === key)?.name ?? null;
  const nextOf = (action: CaseActionView) =>
    stageName(
      card.techMap.stages.find((s) => s.key === card.stage.key)?.actions.find((a) => a.key === action.key)
        ?.to ?? '',
    );
  const pending = [...card.decisions].reverse().find((decision) => decision.status === 'pending') ?? null;
  const done = (text: string) => {
    setOpen(null);
    setFailure(null);
    onNotice(text);
  };

  if (card.status === 'closed') return null;
  const nothing = !card.canAssignToMe && !card.canAssign && card.actions.length === 0;
  return (
    <section className="panel case-actions" aria-label="Действия" data-testid="case-actions">
      {failure !== null && <Notice kind="error">{errorWithFields(failure)}</Notice>}
      <div className="form-actions">
        {card.canAssignToMe && (
          <button
            type="button"
            className="btn btn-primary"
            disabled={takeIt.pending}
            onClick={() => {
              setFailure(null);
              takeIt.run(undefined).then(
                () => done('Дело назначено вам.'),
                (error: unknown) => setFailure(error),
              );
            }}
          >
            Назначить мне
          </button>
        )}
        {card.canAssign && (
          <button type="button" className="btn" onClick={() => setOpen({ kind: 'assign' })}>
            Назначить исполнителя
          </button>
        )}
        {card.actions.map((action) => (
          <span key={action.key} className="case-action">
            <button
              type="button"
              className={
                action.kind === 'return' || action.decision === 'refuse'
                  ? 'btn btn-danger'
                  : 'btn btn-primary'
              }
              disabled={action.blockedBy !== null}
              aria-describedby={action.blockedBy ? `blocked-${action.key}` : undefined}
              onClick={() => {
                setFailure(null);
                setOpen({ kind: 'action', action });
              }}
            >
              {action.label}
            </button>
            {action.blockedBy && (
              <span className="muted case-blocked" id={`blocked-${action.key}`}>
                {action.blockedBy}
              </span>
            )}
          </span>
        ))}
      </div>
      {nothing && <p className="muted">На этом этапе у вас нет действий по делу.</p>}
      {open?.kind === 'assign' && (
        <AssignDialog
          caseId={card.id}
          currentExecutorId={card.executor?.id ?? null}
          onDone={() => done('Исполнитель назначен.')}
          onClose={() => setOpen(null)}
        />
      )}
      {open?.kind === 'action' && open.action.kind === 'move' && (
        <MoveDialog
          caseId={card.id}
          action={open.action}
          nextStage={nextOf(open.action)}
          onDone={() => done(`Выполнено: «${open.action.label}».`)}
          onClose={() => setOpen(null)}
        />
      )}
      {open?.kind === 'action' && open.action.kind === 'decision' && (
        <DecisionDialog
          caseId={card.id}
          action={open.action}
          onDone={() => done('Проект решения направлен на подписание.')}
          onClose={() => setOpen(null)}
        />
      )}
      {open?.kind === 'action' && open.action.kind === 'sign' && (
        <ApproveDialog
          caseId={card.id}
          action={open.action}
          decision={pending}
          onDone={() => done('Решение подписано.')}
          onClose={() => setOpen(null)}
        />
      )}
      {open?.kind === 'action' && open.action.kind === 'return' && (
        <ReturnDialog
          caseId={card.id}
          action={open.action}
          onDone={() => done('Решение возвращено на доработку.')}
          onClose={() => setOpen(null)}
        />
      )}
    </section>
  );
}

/** 000 item 3.5: «Отправить на доработку» with the reason, which the executor is told. */
function ReturnDialog(props: {
  caseId: string;
  action: CaseActionView;
  onDone: () => void;
  onClose: () => void;
}) {
  const command = useCaseCommand(props.caseId, 'return');
  return (
    <ReasonDialog
      title={props.action.label}
      schema={ReturnForRevisionSchema}
      label="Причина возврата"
      fieldId="return-reason"
      submitLabel={props.action.label}
      send={(reason) => command.run({ reason })}
      onDone={props.onDone}
      onClose={props.onClose}
      data-testid="return-form"
    >
      <p>Решение вернётся исполнителю на доработку; причина будет ему направлена и сохранится в деле.</p>
    </ReasonDialog>
  );
}
